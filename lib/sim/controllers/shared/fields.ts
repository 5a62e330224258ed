// Typed reads of the open JSON fields controllers look at. Objects come from the
// store as plain JSON, so every read is defensive.

export type Obj = Record<string, unknown>;

export const asObj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};

export const asArray = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

export const asNumber = (v: unknown, fallback = 0): number =>
  typeof v === "number" && Number.isFinite(v) ? v : fallback;

export const asString = (v: unknown, fallback = ""): string =>
  typeof v === "string" ? v : fallback;

/** Structural equality of JSON values (key order and keys holding undefined ignored). */
export { jsonEqual } from "../../json-value";
