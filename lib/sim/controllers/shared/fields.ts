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

/**
 * Structural equality of JSON values (key order ignored, keys holding undefined ignored). Loops,
 * not Object.keys(..).filter(..).every(..): controllers compare whole objects on every sync, and
 * the arrays those built were most of the cost.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  if (aArray) {
    const aa = a as unknown[];
    const bb = b as unknown[];
    if (aa.length !== bb.length) return false;
    for (let i = 0; i < aa.length; i++) if (!jsonEqual(aa[i], bb[i])) return false;
    return true;
  }
  const ao = a as Obj;
  const bo = b as Obj;
  let defined = 0;
  for (const k in ao) {
    const v = ao[k];
    if (v === undefined) continue;
    defined++;
    if (!jsonEqual(v, bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined) defined--;
  return defined === 0;
}
