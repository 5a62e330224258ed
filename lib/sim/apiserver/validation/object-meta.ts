// ObjectMeta rules (apimachinery api/validation/objectmeta.go): name/generateName, namespace,
// labels, annotations, finalizers, ownerReferences, and what may not change on update.
import type { ObjectMeta } from "../object";
import { fieldErrors, type FieldError } from "./field-error";
import { isDNS1123Label, isQualifiedName, isValidLabelValue, maskTrailingDash } from "./names";

export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;
const FIELD_IMMUTABLE = "field is immutable";
const STANDARD_FINALIZERS = new Set(["kubernetes", "orphan", "foregroundDeletion"]);

export type NameValidator = (name: string) => string[];

export function validateLabels(
  labels: Record<string, string> | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const m of isQualifiedName(k)) errs.push(fieldErrors.invalid(path, k, m));
    for (const m of isValidLabelValue(v)) errs.push(fieldErrors.invalid(path, v, m));
  }
  return errs;
}

export function validateAnnotations(
  annotations: Record<string, string> | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(fieldErrors.invalid(path, k, m));
    total += k.length + v.length;
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) {
    errs.push(fieldErrors.tooLong(path, "", TOTAL_ANNOTATION_SIZE_LIMIT_B));
  }
  return errs;
}

function validateFinalizers(finalizers: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (finalizers ?? []).forEach((f, i) => {
    const p = `${path}[${i}]`;
    const msgs = isQualifiedName(f);
    for (const m of msgs) errs.push(fieldErrors.invalid(p, f, m));
    if (msgs.length === 0 && !f.includes("/") && !STANDARD_FINALIZERS.has(f)) {
      errs.push(
        fieldErrors.invalid(
          p,
          f,
          "name is neither a standard finalizer name nor is it fully qualified",
        ),
      );
    }
  });
  return errs;
}

// ValidateOwnerReferences: the per-reference errors carry no index, as upstream's do.
function validateOwnerReferences(meta: ObjectMeta, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let controller = "";
  for (const ref of meta.ownerReferences ?? []) {
    // schema.FromAPIVersionAndKind: the version is what follows the last "/".
    const version = (ref.apiVersion ?? "").split("/").pop() ?? "";
    if (version === "") {
      errs.push(
        fieldErrors.invalid(
          `${path}.apiVersion`,
          ref.apiVersion ?? "",
          "version must not be empty",
        ),
      );
    }
    if (!ref.kind)
      errs.push(fieldErrors.invalid(`${path}.kind`, ref.kind ?? "", "kind must not be empty"));
    if (!ref.name)
      errs.push(fieldErrors.invalid(`${path}.name`, ref.name ?? "", "name must not be empty"));
    if (!ref.uid)
      errs.push(fieldErrors.invalid(`${path}.uid`, ref.uid ?? "", "uid must not be empty"));
    if (ref.controller !== true) continue;
    const id = `${ref.kind}/${ref.name}`;
    if (controller !== "") {
      errs.push(
        fieldErrors.invalid(
          path,
          meta.ownerReferences,
          `Only one reference can have Controller set to true. Found "true" in references for ${controller} and ${id}`,
        ),
      );
    }
    controller = id;
  }
  return errs;
}

/**
 * ValidateObjectMeta. `nameFn` is the kind's name rule (DNS subdomain for most kinds, DNS
 * label for namespaces and services...). Namespace presence is checked against scope.
 */
export function validateObjectMeta(
  meta: ObjectMeta,
  namespaced: boolean,
  nameFn: NameValidator,
  path = "metadata",
): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) {
    for (const m of nameFn(maskTrailingDash(meta.generateName))) {
      errs.push(fieldErrors.invalid(`${path}.generateName`, meta.generateName, m));
    }
  }
  if (!meta.name) {
    errs.push(fieldErrors.required(`${path}.name`, "name or generateName is required"));
  } else {
    for (const m of nameFn(meta.name)) errs.push(fieldErrors.invalid(`${path}.name`, meta.name, m));
  }
  if (namespaced) {
    if (!meta.namespace) errs.push(fieldErrors.required(`${path}.namespace`, ""));
    else
      for (const m of isDNS1123Label(meta.namespace)) {
        errs.push(fieldErrors.invalid(`${path}.namespace`, meta.namespace, m));
      }
  } else if (meta.namespace) {
    errs.push(fieldErrors.forbidden(`${path}.namespace`, "not allowed on this type"));
  }
  if (meta.generation !== undefined && meta.generation < 0) {
    errs.push(
      fieldErrors.invalid(
        `${path}.generation`,
        meta.generation,
        "must be greater than or equal to 0",
      ),
    );
  }
  // Fields an object lacks (an Event has none of these) are not visited: no path built.
  if (meta.labels) errs.push(...validateLabels(meta.labels, `${path}.labels`));
  if (meta.annotations) errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  if (meta.ownerReferences) errs.push(...validateOwnerReferences(meta, `${path}.ownerReferences`));
  if (meta.finalizers) errs.push(...validateFinalizers(meta.finalizers, `${path}.finalizers`));
  return errs;
}

const IMMUTABLE_FIELDS = ["name", "namespace", "uid", "creationTimestamp"] as const;

/** ValidateObjectMetaUpdate: identity fields are immutable; the rest is re-validated. */
export function validateObjectMetaUpdate(
  next: ObjectMeta,
  prev: ObjectMeta,
  path = "metadata",
): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of IMMUTABLE_FIELDS) {
    if ((next[field] ?? "") !== (prev[field] ?? "")) {
      errs.push(fieldErrors.invalid(`${path}.${field}`, next[field] ?? "", FIELD_IMMUTABLE));
    }
  }
  // Once set, deletionTimestamp and its grace period only move through the delete path.
  if (prev.deletionTimestamp !== undefined && next.deletionTimestamp !== prev.deletionTimestamp) {
    errs.push(
      fieldErrors.invalid(
        `${path}.deletionTimestamp`,
        next.deletionTimestamp ?? null,
        FIELD_IMMUTABLE,
      ),
    );
  }
  if (prev.deletionTimestamp !== undefined && (next.finalizers?.length ?? 0) > 0) {
    const added = (next.finalizers ?? []).filter((f) => !(prev.finalizers ?? []).includes(f));
    if (added.length > 0) {
      errs.push(
        fieldErrors.forbidden(
          `${path}.finalizers`,
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(", ")}}`,
        ),
      );
    }
  }
  errs.push(...validateLabels(next.labels, `${path}.labels`));
  errs.push(...validateAnnotations(next.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(next, `${path}.ownerReferences`));
  errs.push(...validateFinalizers(next.finalizers, `${path}.finalizers`));
  return errs;
}

export const IMMUTABLE_MESSAGE = FIELD_IMMUTABLE;
