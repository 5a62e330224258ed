// Decoding a YAML document into a kubeadm Go type, as the apimachinery JSON serializer does in
// strict mode: wrong JSON types are fatal ("json: cannot unmarshal ..."), unknown fields are
// collected into one "strict decoding error". YAML reaches Go as JSON whose object keys are
// sorted (sigs.k8s.io/yaml), so errors come out in sorted-key, depth-first order.
import type { FieldSpec } from "./schema";

export interface DecodeResult {
  /** `json: cannot unmarshal ...` for the first mistyped value, if any. */
  typeError: string | null;
  /** Paths of unknown fields, as sigs.k8s.io/json reports them ("apiServer.foo", "a[0].b"). */
  unknownFields: string[];
}

type Json = unknown;

function jsonKind(v: Json): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "object") return "object";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  return "string";
}

function goTypeName(spec: FieldSpec, apiVersion: string): string {
  switch (spec.t) {
    case "string":
    case "duration":
      return "string";
    case "bool":
      return "bool";
    case "int32":
      return "int32";
    case "strings":
      return "[]string";
    case "stringMap":
      return "map[string]string";
    case "boolMap":
      return "map[string]bool";
    case "any":
      return "interface {}";
    case "object":
      return `${apiVersion}.${spec.go}`;
    case "list":
      return spec.go;
  }
}

interface Ctx {
  apiVersion: string;
  result: DecodeResult;
}

function typeError(ctx: Ctx, value: Json, struct: string, jsonPath: string, goType: string) {
  if (ctx.result.typeError !== null) return;
  ctx.result.typeError =
    `json: cannot unmarshal ${jsonKind(value)} into Go struct field ` +
    `${struct}.${jsonPath} of type ${goType}`;
}

// `struct` is the Go struct holding the field; `goPath` the dotted JSON names Go reports (no
// indices); `strictPath` the path the strict decoder reports (with [i] indices).
function walk(
  ctx: Ctx,
  spec: FieldSpec,
  value: Json,
  struct: string,
  goPath: string,
  strictPath: string,
): void {
  if (value === null || spec.t === "any") return;
  const kind = jsonKind(value);
  switch (spec.t) {
    case "string":
    case "duration":
      if (kind !== "string") typeError(ctx, value, struct, goPath, "string");
      return;
    case "bool":
      if (kind !== "bool") typeError(ctx, value, struct, goPath, "bool");
      return;
    case "int32":
      if (kind !== "number" || !Number.isInteger(value)) {
        typeError(ctx, value, struct, goPath, "int32");
      }
      return;
    case "strings":
      if (kind !== "array") return typeError(ctx, value, struct, goPath, "[]string");
      for (const item of value as Json[]) {
        if (item !== null && jsonKind(item) !== "string") {
          typeError(ctx, item, struct, goPath, "string");
        }
      }
      return;
    case "stringMap":
    case "boolMap": {
      const want = spec.t === "stringMap" ? "string" : "bool";
      if (kind !== "object") return typeError(ctx, value, struct, goPath, goTypeName(spec, ""));
      for (const key of Object.keys(value as object).sort()) {
        const item = (value as Record<string, Json>)[key];
        if (item !== null && jsonKind(item) !== want) typeError(ctx, item, struct, goPath, want);
      }
      return;
    }
    case "list": {
      if (kind !== "array") return typeError(ctx, value, struct, goPath, spec.go);
      (value as Json[]).forEach((item, i) =>
        walk(ctx, spec.of, item, struct, goPath, `${strictPath}[${i}]`),
      );
      return;
    }
    case "object": {
      if (kind !== "object") {
        return typeError(ctx, value, struct, goPath, goTypeName(spec, ctx.apiVersion));
      }
      const record = value as Record<string, Json>;
      for (const key of Object.keys(record).sort()) {
        const child = spec.fields[key];
        const childStrict = strictPath === "" ? key : `${strictPath}.${key}`;
        if (child === undefined) {
          ctx.result.unknownFields.push(childStrict);
          continue;
        }
        const childGo = goPath === "" ? key : `${goPath}.${key}`;
        walk(ctx, child, record[key], spec.go, childGo, childStrict);
      }
      return;
    }
  }
}

/** Decodes `doc` (a YAML document converted to JSON) against the Go type `spec`. */
export function decodeStrict(spec: FieldSpec, doc: Json, apiVersion: string): DecodeResult {
  const version = apiVersion.includes("/")
    ? apiVersion.slice(apiVersion.indexOf("/") + 1)
    : apiVersion;
  const ctx: Ctx = { apiVersion: version, result: { typeError: null, unknownFields: [] } };
  const top = spec.t === "object" ? spec.go : "";
  walk(ctx, spec, doc, top, "", "");
  return ctx.result;
}

/** runtime.NewStrictDecodingError: the strict problems joined with ", ". */
export function strictDecodingMessage(problems: readonly string[]): string {
  return `strict decoding error: ${problems.join(", ")}`;
}
