// The options of a write (CreateOptions, UpdateOptions, PatchOptions, DeleteOptions),
// validated as apimachinery's meta/v1 validation does before the handler runs:
// dryRun may only be "All", fieldValidation only "", Ignore, Warn or Strict.
// An unknown value is a 422 such as
//   CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Maybe"}: supported values: "All"
import { newInvalid } from "../errors";
import { fieldErrors, type FieldError } from "../validation/field-error";

const DRY_RUN_VALUES = ["All"];
const FIELD_VALIDATION_VALUES = ["", "Ignore", "Strict", "Warn"];

const OPTIONS_KIND: Record<string, string> = {
  POST: "CreateOptions",
  PUT: "UpdateOptions",
  PATCH: "PatchOptions",
  DELETE: "DeleteOptions",
};

export function validateWriteOptions(
  method: string,
  query: URLSearchParams,
  bodyDryRun?: readonly string[],
): void {
  const kind = OPTIONS_KIND[method];
  if (!kind) return;
  const errs: FieldError[] = [];
  const dryRun = [...query.getAll("dryRun"), ...(method === "DELETE" ? (bodyDryRun ?? []) : [])];
  if (!dryRun.every((v) => DRY_RUN_VALUES.includes(v))) {
    errs.push(fieldErrors.notSupported("dryRun", dryRun, DRY_RUN_VALUES));
  }
  const fieldValidation = query.get("fieldValidation");
  if (
    method !== "DELETE" &&
    fieldValidation !== null &&
    !FIELD_VALIDATION_VALUES.includes(fieldValidation)
  ) {
    errs.push(
      fieldErrors.notSupported("fieldValidation", fieldValidation, FIELD_VALIDATION_VALUES),
    );
  }
  if (errs.length > 0) throw newInvalid({ group: "meta.k8s.io", kind }, "", errs);
}
