// Decode-time checks the API server makes before validation: strict field validation (unknown
// fields), nesting depth, and quantities that cannot be parsed.
import type { ResourceInfo } from "../resources/resource-info";
import { parseQuantity, QUANTITY_FORMAT_ERROR } from "./quantity";
import { OBJECT_META, SCHEMAS, type FieldSchema } from "./schema";

/** sigs.k8s.io/json's nesting limit (the same as encoding/json's scanner). */
export const MAX_NESTING_DEPTH = 10000;

function walk(value: unknown, schema: FieldSchema, path: string, out: string[]): void {
  if (schema === "*" || schema === "" || value === null || typeof value !== "object") return;
  if ("a" in schema) {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, schema.a, `${path}[${i}]`, out));
    return;
  }
  if (Array.isArray(value)) return;
  const rec = value as Record<string, unknown>;
  if ("m" in schema) {
    for (const [k, v] of Object.entries(rec)) walk(v, schema.m, `${path}[${k}]`, out);
    return;
  }
  for (const [k, v] of Object.entries(rec)) {
    // Own keys only: "constructor" or "toString" are unknown fields, not inherited members.
    const child = Object.hasOwn(schema.o, k) ? schema.o[k] : undefined;
    const p = path === "" ? k : `${path}.${k}`;
    if (child === undefined) out.push(p);
    else walk(v, child, p, out);
  }
}

/**
 * Paths of fields the kind does not have, in document order ("spec.foo",
 * "spec.template.spec.containers[0].imagePullPolicyy"). Kinds without a schema (custom
 * resources, kinds stored as open objects) report nothing.
 */
export function findUnknownFields(
  obj: unknown,
  info: Pick<ResourceInfo, "group" | "kind">,
): string[] {
  const schema = SCHEMAS[`${info.group}/${info.kind}`];
  if (!schema) return [];
  const out: string[] = [];
  walk(obj, schema, "", out);
  return out;
}

function prune(value: unknown, schema: FieldSchema): unknown {
  if (schema === "*" || schema === "" || value === null || typeof value !== "object") return value;
  if ("a" in schema) return Array.isArray(value) ? value.map((v) => prune(v, schema.a)) : value;
  if (Array.isArray(value)) return value;
  const rec = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if ("m" in schema) {
    for (const [k, v] of Object.entries(rec)) out[k] = prune(v, schema.m);
    return out;
  }
  for (const [k, v] of Object.entries(rec)) {
    const child = Object.hasOwn(schema.o, k) ? schema.o[k] : undefined;
    if (child !== undefined) out[k] = prune(v, child);
  }
  return out;
}

/**
 * The object without the fields its kind does not have: the apiserver decodes a built-in
 * kind into its Go struct, so unknown fields never reach storage (whatever fieldValidation
 * says about reporting them). Kinds without a schema are returned unchanged.
 */
export function pruneUnknownFields<T>(obj: T, info: Pick<ResourceInfo, "group" | "kind">): T {
  const schema = SCHEMAS[`${info.group}/${info.kind}`];
  return schema ? (prune(obj, schema) as T) : obj;
}

/** Unknown fields under metadata only (custom resources share ObjectMeta with built-ins). */
export function findUnknownMetadataFields(obj: unknown): string[] {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return [];
  const out: string[] = [];
  walk((obj as Record<string, unknown>).metadata, OBJECT_META, "metadata", out);
  return out;
}

/** The server's strict-decoding message for a list of unknown fields. */
export function strictDecodingMessage(unknown: readonly string[]): string {
  return `strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(", ")}`;
}

/**
 * The first container nested deeper than the limit (walked without recursion so hostile input
 * cannot overflow the stack), or undefined.
 */
function tooDeep(value: unknown): unknown {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== "object") continue;
    if (d + 1 > MAX_NESTING_DEPTH) return v;
    for (const child of Array.isArray(v) ? v : Object.values(v as object))
      stack.push([child, d + 1]);
  }
  return undefined;
}

/** encoding/json's scanner error for input nested beyond the limit, or undefined. */
export function nestingDepthError(value: unknown): string | undefined {
  const deep = tooDeep(value);
  if (deep === undefined) return undefined;
  return `invalid character '${Array.isArray(deep) ? "[" : "{"}' exceeded max depth`;
}

const QUANTITY_MAPS: Record<string, string[][]> = {
  "/Pod": [
    ["spec", "containers", "*", "resources", "limits"],
    ["spec", "containers", "*", "resources", "requests"],
    ["spec", "initContainers", "*", "resources", "limits"],
    ["spec", "initContainers", "*", "resources", "requests"],
  ],
  "/ResourceQuota": [["spec", "hard"]],
  "/PersistentVolumeClaim": [["spec", "resources", "requests"]],
  "/PersistentVolume": [["spec", "capacity"]],
};
for (const k of [
  "apps/Deployment",
  "apps/ReplicaSet",
  "apps/DaemonSet",
  "apps/StatefulSet",
  "batch/Job",
]) {
  QUANTITY_MAPS[k] = (QUANTITY_MAPS["/Pod"] ?? []).map((p) => ["spec", "template", ...p]);
}
QUANTITY_MAPS["batch/CronJob"] = (QUANTITY_MAPS["/Pod"] ?? []).map((p) => [
  "spec",
  "jobTemplate",
  "spec",
  "template",
  ...p,
]);

function collect(value: unknown, path: string[], out: unknown[]): void {
  if (path.length === 0) {
    out.push(value);
    return;
  }
  const [head, ...rest] = path;
  if (head === "*") {
    if (Array.isArray(value)) for (const v of value) collect(v, rest, out);
  } else if (value && typeof value === "object" && !Array.isArray(value)) {
    collect((value as Record<string, unknown>)[head ?? ""], rest, out);
  }
}

/** The decode error for a resource quantity that does not parse, or undefined. */
export function findInvalidQuantity(
  obj: unknown,
  info: Pick<ResourceInfo, "group" | "kind">,
): string | undefined {
  for (const path of QUANTITY_MAPS[`${info.group}/${info.kind}`] ?? []) {
    const maps: unknown[] = [];
    collect(obj, path, maps);
    for (const mp of maps) {
      if (!mp || typeof mp !== "object") continue;
      for (const v of Object.values(mp)) {
        if ((typeof v !== "string" && typeof v !== "number") || parseQuantity(v) === undefined) {
          return QUANTITY_FORMAT_ERROR;
        }
      }
    }
  }
  return undefined;
}

/** The wrapper the API server puts around decode errors of a request body. */
export function cannotBeHandledMessage(kind: string, version: string, cause: string): string {
  return `${kind} in version "${version}" cannot be handled as a ${kind}: ${cause}`;
}
