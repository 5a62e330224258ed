// Small helpers for admission code: objects are plain JSON, copied before mutation so callers'
// values are never changed.
import { cloneJson } from "../../json-value";

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v);
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

// Inside a create's defaulting and mutating admission (withPrivateCopies) each step copies
// the object it changes, yet the object it gets is the copy the step before made, which
// nothing else references: the copy clone() made last is handed back as is instead of being
// copied again (a pod create went through five deep copies).
let lastCopy: { value: unknown } | undefined;

/** Runs `fn` with clone() reusing its own latest copy (see above); nested runs are separate. */
export function withPrivateCopies<T>(fn: () => T): T {
  const outer = lastCopy;
  lastCopy = { value: undefined };
  try {
    return fn();
  } finally {
    lastCopy = outer;
  }
}

/**
 * Declares `v` the latest private copy: an object built by shallow copies of it whose other
 * parts nobody else references (the field manager's result), so the next clone() keeps it.
 */
export function adoptPrivateCopy<T>(v: T): T {
  if (lastCopy) lastCopy.value = v;
  return v;
}

export function clone<T>(v: T): T {
  if (lastCopy && lastCopy.value === v && typeof v === "object" && v !== null) return v;
  // Stored objects are plain JSON: a JSON copy is several times cheaper than structuredClone.
  const copy = cloneJson(v);
  if (lastCopy) lastCopy.value = copy;
  return copy;
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
