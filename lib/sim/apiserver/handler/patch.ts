// PATCH bodies: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and strategic
// merge patch for the lists kubectl relies on (merge by key). Server-side apply
// (application/apply-patch+yaml) has its own merge in ../apply.

import { newBadRequest, newUnsupportedMediaType } from "../errors";
import { isPrimitiveMergeList, mergeKeyFor } from "./patch-merge-keys";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObj = { [k: string]: Json };

const isObj = (v: unknown): v is JsonObj =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export const SUPPORTED_PATCH_TYPES = [
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
  "application/apply-patch+yaml",
];

export function applyPatch(
  target: unknown,
  patch: unknown,
  contentType: string | undefined,
): unknown {
  const type = (contentType ?? "").split(";")[0]!.trim();
  switch (type) {
    case "application/merge-patch+json":
      return mergePatch(target as Json, patch as Json);
    case "application/strategic-merge-patch+json":
      return strategicMerge(target as Json, patch as Json, [], kindOf(target));
    case "application/json-patch+json":
      return jsonPatch(target as Json, patch);
    default:
      throw newUnsupportedMediaType(SUPPORTED_PATCH_TYPES);
  }
}

// A "__proto__" key in a patch (JSON.parse makes it an own property) is not a
// field of any Kubernetes object: typed decoding would drop it. Assigning it
// would replace the merged object's prototype instead, so it is skipped.
const FORBIDDEN_KEY = "__proto__";

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return patch;
  const out: JsonObj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === FORBIDDEN_KEY) continue;
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k] ?? null, v);
  }
  return out;
}

const kindOf = (v: unknown): string => (isObj(v) && typeof v.kind === "string" ? v.kind : "");

function strategicMerge(target: Json, patch: Json, path: string[], root: string): Json {
  if (!isObj(patch)) {
    const key = mergeKeyFor(path, root);
    if (Array.isArray(patch) && Array.isArray(target) && key) {
      return mergeList(target, patch, key, path, root);
    }
    if (Array.isArray(patch) && Array.isArray(target) && isPrimitiveMergeList(path)) {
      return [...target, ...patch.filter((x) => !target.includes(x))];
    }
    return patch;
  }
  if (patch.$patch === "replace") {
    const { $patch: _p, ...rest } = patch;
    void _p;
    return rest;
  }
  if (patch.$patch === "delete") return null;
  const out: JsonObj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === FORBIDDEN_KEY) continue;
    if (k.startsWith("$setElementOrder/") || k === "$retainKeys" || k === "$patch") continue;
    if (k.startsWith("$deleteFromPrimitiveList/")) {
      const name = k.slice("$deleteFromPrimitiveList/".length);
      const current = out[name];
      if (Array.isArray(current) && Array.isArray(v))
        out[name] = current.filter((x) => !v.includes(x));
      continue;
    }
    if (v === null) delete out[k];
    else out[k] = strategicMerge(out[k] ?? null, v, [...path, k], root);
  }
  for (const [k, order] of Object.entries(patch)) {
    if (!k.startsWith("$setElementOrder/") || !Array.isArray(order)) continue;
    const name = k.slice("$setElementOrder/".length);
    const merged = out[name];
    const original = isObj(target) ? target[name] : undefined;
    if (Array.isArray(merged))
      out[name] = setElementOrder(
        merged,
        order,
        Array.isArray(original) ? original : [],
        mergeKeyFor([...path, name], root),
      );
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as string[]);
    for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
  }
  return out;
}

function mergeList(
  target: Json[],
  patch: Json[],
  key: string,
  path: string[],
  root: string,
): Json[] {
  // {$patch: replace} as an item: the patch's items are the whole new list.
  if (patch.some((item) => isObj(item) && item.$patch === "replace" && !(key in item))) {
    return patch
      .filter((item) => !(isObj(item) && item.$patch === "replace" && !(key in item)))
      .map((item) => strategicMerge(null, item, path, root));
  }
  const out = [...target];
  for (const item of patch) {
    if (!isObj(item)) {
      out.push(item);
      continue;
    }
    const idx = out.findIndex((x) => isObj(x) && x[key] === item[key]);
    if (item.$patch === "delete") {
      if (idx >= 0) out.splice(idx, 1);
    } else if (idx >= 0) {
      out[idx] = strategicMerge(out[idx]!, item, path, root);
    } else {
      out.push(strategicMerge(null, item, path, root));
    }
  }
  return out;
}

/**
 * $setElementOrder/<list> (normalizeElementOrder): the items the patch names come
 * in the patch's order; items only the server has keep their place relative to
 * them, as they stood in the original list (mergeSortedSlice).
 */
function setElementOrder(merged: Json[], order: Json[], original: Json[], key?: string): Json[] {
  const id = (item: Json): string =>
    JSON.stringify(key && isObj(item) ? (item[key] ?? null) : item);
  const indexIn = (list: Json[], item: Json) => list.findIndex((x) => id(x) === id(item));
  const named = new Set(order.map(id));
  const byOrder = (list: Json[], ord: Json[]) =>
    list
      .map((item, i) => ({ item, i, at: indexIn(ord, item) }))
      .sort((a, b) => (a.at >= 0 && b.at >= 0 ? a.at - b.at : a.i - b.i))
      .map((x) => x.item);
  const fromPatch = byOrder(
    merged.filter((x) => named.has(id(x))),
    order,
  );
  const serverOnly = byOrder(
    merged.filter((x) => !named.has(id(x))),
    original,
  );
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < fromPatch.length) {
    if (i >= serverOnly.length) out.push(fromPatch[j++]!);
    else if (j >= fromPatch.length) out.push(serverOnly[i++]!);
    else {
      const li = indexIn(original, serverOnly[i]!);
      const ri = indexIn(original, fromPatch[j]!);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]!);
      else out.push(fromPatch[j++]!);
    }
  }
  return out;
}

interface JsonPatchOp {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

function pointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/"))
    throw newBadRequest(`the server rejected our request due to an error in our request`);
  return path
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function jsonPatch(target: Json, patch: unknown): Json {
  if (!Array.isArray(patch))
    throw newBadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  let doc: Json = structuredClone(target);
  for (const raw of patch as JsonPatchOp[]) {
    const parts = pointer(raw.path);
    switch (raw.op) {
      case "add":
      case "replace":
        doc = setAt(doc, parts, raw.value ?? null, raw.op);
        break;
      case "remove":
        doc = removeAt(doc, parts);
        break;
      case "test":
        if (JSON.stringify(getAt(doc, parts)) !== JSON.stringify(raw.value)) {
          throw newBadRequest(`testing value ${raw.path} failed: test failed`);
        }
        break;
      case "copy":
      case "move": {
        const from = pointer(raw.from ?? "");
        const value = getAt(doc, from);
        if (value === undefined) throw newBadRequest(`doc is missing from path: ${raw.from}`);
        if (raw.op === "move") doc = removeAt(doc, from);
        doc = setAt(doc, parts, structuredClone(value), "add");
        break;
      }
      default:
        throw newBadRequest(`Unexpected kind: ${raw.op}`);
    }
  }
  return doc;
}

function getAt(doc: Json, parts: string[]): Json | undefined {
  let cur: Json | undefined = doc;
  for (const p of parts) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    // Own properties only: "/__proto__/x" must not reach Object.prototype.
    else if (isObj(cur)) cur = Object.hasOwn(cur, p) ? cur[p] : undefined;
    else return undefined;
  }
  return cur;
}

function setAt(doc: Json, parts: string[], value: Json, op: string): Json {
  if (parts.length === 0) return value;
  const parent = getAt(doc, parts.slice(0, -1));
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent)) {
    const i = last === "-" ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length)
      throw newBadRequest(
        `add operation does not apply: doc is missing path: "/${parts.join("/")}": missing value`,
      );
    if (op === "add") parent.splice(i, 0, value);
    else parent[i] = value;
  } else if (isObj(parent) && last !== FORBIDDEN_KEY) {
    if (op === "replace" && !Object.hasOwn(parent, last)) {
      throw newBadRequest(
        `replace operation does not apply: doc is missing key: /${parts.join("/")}: missing value`,
      );
    }
    parent[last] = value;
  } else {
    throw newBadRequest(
      `add operation does not apply: doc is missing path: "/${parts.join("/")}": missing value`,
    );
  }
  return doc;
}

function removeAt(doc: Json, parts: string[]): Json {
  const parent = getAt(doc, parts.slice(0, -1));
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent) && Number(last) < parent.length) parent.splice(Number(last), 1);
  else if (isObj(parent) && Object.hasOwn(parent, last)) delete parent[last];
  else
    throw newBadRequest(
      `remove operation does not apply: doc is missing path: "/${parts.join("/")}": missing value`,
    );
  return doc;
}
