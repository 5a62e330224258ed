// Field path elements as structured-merge-diff spells them ("f:name", "k:{...}", "v:...",
// "i:N"), and a path's printed form (fieldpath.Path.String()).

import type { JsonValue } from "../object";
import type { FieldPath } from "./field-set";

/** fieldpath.Path.String(): `.spec.containers[name="app"].image`. */
export function pathString(path: FieldPath): string {
  return path
    .map((pe) => {
      const body = pe.slice(2);
      switch (pe[0]) {
        case "f":
          return `.${body}`;
        case "k": {
          const key = JSON.parse(body) as Record<string, JsonValue>;
          const parts = Object.keys(key)
            .sort()
            .map((k) => `${k}=${valueString(key[k]!)}`);
          return `[${parts.join(",")}]`;
        }
        case "v":
          return `[=${valueString(JSON.parse(body) as JsonValue)}]`;
        default:
          return `[${body}]`;
      }
    })
    .join("");
}

/** value.ToString: strings quoted, other scalars as Go prints them. */
function valueString(v: JsonValue): string {
  return typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v);
}

// A field's path element ("f:" + its name) is made for every map member of every walk (the
// create's shape, an update's comparison) and then used as a Map key in field sets and the
// shape trie. One string per name, kept: no concatenation per member walked, and the key's hash
// is computed once rather than on each fresh string. Bounded: names come from learners' objects
// too (labels, annotations, custom resources).
const fieldElements = new Map<string, string>();
const FIELD_ELEMENT_LIMIT = 4_096;

/** `f:${name}`, the same string object for the same name while it is kept. */
export function fieldElement(name: string): string {
  let el = fieldElements.get(name);
  if (el === undefined) {
    if (fieldElements.size >= FIELD_ELEMENT_LIMIT) fieldElements.clear();
    el = `f:${name}`;
    fieldElements.set(name, el);
  }
  return el;
}

export const pe = {
  field: fieldElement,
  key: (fields: Record<string, JsonValue>) => {
    // One key field (a container's name, a condition's type): the same text without the sorted copy.
    let only: string | undefined;
    let count = 0;
    for (const k in fields) {
      only = k;
      if (++count > 1) break;
    }
    const value = count === 1 ? JSON.stringify(fields[only!]) : undefined;
    if (value !== undefined) return `k:{${JSON.stringify(only)}:${value}}`;
    const sorted: Record<string, JsonValue> = {};
    for (const k of Object.keys(fields).sort()) sorted[k] = fields[k]!;
    return `k:${JSON.stringify(sorted)}`;
  },
  value: (v: JsonValue) => `v:${JSON.stringify(v)}`,
  index: (i: number) => `i:${i}`,
};
