// Custom resources against their CRD's structural schema, as apiextensions-apiserver 1.28 checks
// them (go-openapi validation converted to field errors): types, required, enum, bounds,
// lengths, patterns, item counts; and the unknown fields that pruning would drop, which strict
// field validation reports.
import { fieldErrors, type FieldError } from "./field-error";

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
}

/** The object without apiVersion/kind/metadata, which the schema does not describe. */
function body(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(obj).filter(([k]) => k !== "apiVersion" && k !== "kind" && k !== "metadata"),
  );
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** go-openapi's name for a JSON value's type. */
function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "object") return "object";
  return "string";
}

function typeMatches(v: unknown, s: Schema): boolean {
  if (s["x-kubernetes-int-or-string"])
    return typeof v === "string" || (typeof v === "number" && Number.isInteger(v));
  if (!s.type) return true;
  const t = typeName(v);
  return t === s.type || (s.type === "number" && t === "integer");
}

const enumText = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

function validateNode(v: unknown, s: Schema, path: string, errs: FieldError[]): void {
  if (v === null || v === undefined) return;
  if (!typeMatches(v, s)) {
    const t = typeName(v);
    errs.push(
      fieldErrors.typeInvalid(path, t, `${path} in body must be of type ${s.type}: "${t}"`),
    );
    return;
  }
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
    errs.push(fieldErrors.notSupported(path, v, s.enum.map(enumText)));
  }
  if (typeof v === "number") {
    if (s.minimum !== undefined && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum)) {
      const rel = s.exclusiveMinimum ? "greater than" : "greater than or equal to";
      errs.push(fieldErrors.invalid(path, v, `${path} in body should be ${rel} ${s.minimum}`));
    }
    if (s.maximum !== undefined && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum)) {
      const rel = s.exclusiveMaximum ? "less than" : "less than or equal to";
      errs.push(fieldErrors.invalid(path, v, `${path} in body should be ${rel} ${s.maximum}`));
    }
  }
  if (typeof v === "string") {
    const len = [...v].length;
    if (s.maxLength !== undefined && len > s.maxLength)
      errs.push(fieldErrors.tooLongMaxLength(path, v, s.maxLength));
    if (s.minLength !== undefined && len < s.minLength) {
      errs.push(
        fieldErrors.invalid(
          path,
          v,
          `${path} in body should be at least ${s.minLength} chars long`,
        ),
      );
    }
    if (s.pattern !== undefined && !new RegExp(s.pattern, "u").test(v)) {
      errs.push(fieldErrors.invalid(path, v, `${path} in body should match '${s.pattern}'`));
    }
  }
  if (Array.isArray(v)) {
    if (s.maxItems !== undefined && v.length > s.maxItems)
      errs.push(fieldErrors.tooMany(path, v.length, s.maxItems));
    if (s.minItems !== undefined && v.length < s.minItems) {
      errs.push(
        fieldErrors.invalid(path, v, `${path} in body should have at least ${s.minItems} items`),
      );
    }
    if (s.items)
      v.forEach((item, i) => validateNode(item, s.items as Schema, `${path}[${i}]`, errs));
  }
  if (isObj(v)) {
    for (const r of s.required ?? []) {
      if (v[r] === undefined) errs.push(fieldErrors.required(path === "" ? r : `${path}.${r}`, ""));
    }
    for (const [k, child] of Object.entries(v)) {
      const p = path === "" ? k : `${path}.${k}`;
      const sub =
        s.properties?.[k] ?? (isObj(s.additionalProperties) ? s.additionalProperties : undefined);
      if (sub) validateNode(child, sub, sub === s.properties?.[k] ? p : `${path}[${k}]`, errs);
    }
  }
}

/** Field errors of a custom object against its version's openAPIV3Schema. */
export function validateCustomObject(obj: unknown, schema: unknown): FieldError[] {
  if (!isObj(schema) || !isObj(obj)) return [];
  const errs: FieldError[] = [];
  validateNode(body(obj), schema as Schema, "", errs);
  return errs;
}

function collectUnknown(v: unknown, s: Schema, path: string, out: string[]): void {
  if (s["x-kubernetes-preserve-unknown-fields"] && !s.properties) return;
  if (Array.isArray(v)) {
    if (s.items)
      v.forEach((item, i) => collectUnknown(item, s.items as Schema, `${path}[${i}]`, out));
    return;
  }
  if (!isObj(v)) return;
  for (const [k, child] of Object.entries(v)) {
    const p = path === "" ? k : `${path}.${k}`;
    if (
      s["x-kubernetes-embedded-resource"] &&
      (k === "apiVersion" || k === "kind" || k === "metadata")
    )
      continue;
    const sub = s.properties?.[k];
    if (sub) collectUnknown(child, sub, p, out);
    else if (isObj(s.additionalProperties))
      collectUnknown(child, s.additionalProperties, `${path}[${k}]`, out);
    else if (s.additionalProperties === true || s["x-kubernetes-preserve-unknown-fields"]) continue;
    else out.push(p);
  }
}

/** The fields pruning would drop: what strict field validation reports as unknown. */
export function findUnknownCustomFields(obj: unknown, schema: unknown): string[] {
  if (!isObj(schema) || !isObj(obj)) return [];
  const out: string[] = [];
  collectUnknown(body(obj), schema as Schema, "", out);
  return out;
}
