// Per-learner lab parameters: names, namespaces and counts drawn from a hash of the
// learner's id, so neighbours get different answers but one learner always gets the
// same ones (reloads, resets and grading agree without storing anything).
import { createHash } from "node:crypto";
import type { LabParam } from "./schema/lab-schema";

export type ParamValues = Readonly<Record<string, string | number>>;

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

function digest(userId: string, labId: string, name: string): Buffer {
  return createHash("sha256").update(`${userId}\u0000${labId}\u0000${name}`).digest();
}

export function drawParams(
  userId: string,
  labId: string,
  specs: Readonly<Record<string, LabParam>>,
): ParamValues {
  const out: Record<string, string | number> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const h = digest(userId, labId, name);
    if (spec.type === "name") {
      let suffix = "";
      for (let i = 0; i < 4; i++) suffix += ALPHABET[h[i]! % ALPHABET.length];
      out[name] = `${spec.prefix}${suffix}`;
    } else if (spec.type === "int") {
      out[name] = spec.min + (h.readUInt32BE(0) % (spec.max - spec.min + 1));
    } else {
      out[name] = spec.values[h.readUInt32BE(0) % spec.values.length]!;
    }
  }
  return out;
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g;
const WHOLE = /^\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}$/;

/** Names used in `{{…}}` placeholders anywhere in a value. */
export function placeholdersIn(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === "string") for (const m of value.matchAll(PLACEHOLDER)) found.add(m[1]!);
  else if (Array.isArray(value)) for (const v of value) placeholdersIn(v, found);
  else if (value && typeof value === "object")
    for (const v of Object.values(value)) placeholdersIn(v, found);
  return found;
}

/**
 * Fills placeholders in every string of a value. A string that is only one
 * placeholder takes the parameter's own type, so `replicas: "{{n}}"` becomes a number.
 */
export function substitute<T>(value: T, params: ParamValues): T {
  if (typeof value === "string") {
    const whole = WHOLE.exec(value);
    if (whole && whole[1]! in params) return params[whole[1]!] as T;
    return value.replace(PLACEHOLDER, (m, name: string) =>
      name in params ? String(params[name]) : m,
    ) as T;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, params)) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substitute(v, params)]),
    ) as T;
  return value;
}

/** Characters drawParams never uses (ALPHABET above): no learner's name equals a sentinel. */
const NOT_DRAWN = "01lo";
const NOT_DRAWN_TOO = "lo01";

/**
 * The sentinel standing for each `name` parameter: prefix, then 4 characters never drawn
 * (a learner's name of the same length can be written over it: lab-start-template.ts,
 * lab-definitions.ts). `alphabet` 1 gives a second, different set (to check against).
 */
export function nameSentinels(
  specs: Readonly<Record<string, LabParam>>,
  alphabet: 0 | 1 = 0,
): Record<string, string> {
  const chars = alphabet === 0 ? NOT_DRAWN : NOT_DRAWN_TOO;
  const out: Record<string, string> = {};
  let i = 0;
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.type !== "name") continue;
    let code = "";
    for (let n = i++, d = 0; d < 4; d++, n = Math.floor(n / 4)) code += chars[n % 4];
    out[name] = `${spec.prefix}${code}`;
  }
  return out;
}
