// Small helpers for admission code: objects are plain JSON, copied before mutation so callers'
// values are never changed.
import { cloneJson } from "../../json-value";

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v);
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function clone<T>(v: T): T {
  // Stored objects are plain JSON: a JSON copy is several times cheaper than structuredClone.
  return cloneJson(v);
}

/** Returns parent[key] as an object, creating it when missing. */
export function ensureObj(parent: Obj, key: string): Obj {
  const cur = parent[key];
  if (isObj(cur)) return cur;
  const created: Obj = {};
  parent[key] = created;
  return created;
}

export function setDefault(target: Obj, key: string, value: unknown): void {
  if (target[key] === undefined || target[key] === null || target[key] === "") target[key] = value;
}
