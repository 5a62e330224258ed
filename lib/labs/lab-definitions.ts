// A learner's lab definition without validating the whole lab again. instantiateLab
// used to run the lab schema over the YAML with the learner's values filled in on
// every 채점, page view and hint (~1-4 ms of CPU under load, most of a 채점's own
// work). The values differ between learners only in their `name` parameters (int
// and choice values are few), so, as lab-start-template.ts does for the start, the
// definition is validated once per int/choice values with a same-length sentinel in
// place of each name, and each learner gets a copy with their names written over the
// sentinels. That is the same value only when the names are mere text in it; it is
// checked once per lab against a second set of sentinels (else: validated per learner
// as before), and lab-definitions.test.ts holds copies equal to a full validation.
import type { LoadedLab } from "./load-labs";
import { nameSentinels, substitute, type ParamValues } from "./params";
import { labSchema, type LabDefinition } from "./schema/lab-schema";

/** Definitions kept per lab (one per distinct int/choice values). */
export const DEFINITION_LIMIT = 64;

interface Shape {
  /** [sentinel, parameter name] per `name` parameter; null: validate per learner. */
  sentinels: (readonly [string, string])[] | null;
  /** Validated definitions by the non-name values (JSON). */
  defs: Map<string, LabDefinition>;
}

const shapes = new WeakMap<object, Shape>();

const validate = (lab: LoadedLab, values: ParamValues) =>
  labSchema.parse(substitute(lab.raw, values));

/** A deep copy of a definition with every string's sentinels replaced by names. */
function renamed<T>(value: T, names: readonly (readonly [string, string])[]): T {
  if (typeof value === "string") {
    let s: string = value;
    for (const [from, to] of names) if (s.includes(from)) s = s.split(from).join(to);
    return s as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => renamed(v, names)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value))
      out[k] = renamed((value as Record<string, unknown>)[k], names);
    return out as T;
  }
  return value;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function shapeOf(lab: LoadedLab, params: ParamValues): Shape {
  const key = (lab.raw ?? {}) as object;
  let shape = shapes.get(key);
  if (!shape) {
    const first = nameSentinels(lab.sample.params);
    const second = nameSentinels(lab.sample.params, 1);
    const all = [...Object.values(first), ...Object.values(second)];
    // A sentinel inside another would be overwritten by the wrong name.
    const nested = all.some((s, i) => all.some((t, j) => i !== j && t.includes(s)));
    let sentinels: Shape["sentinels"] = null;
    if (!nested && Object.keys(first).length > 0) {
      // Names are mere text when the copy made from the first sentinels equals a
      // validation with the second ones (the other values: this learner's).
      const a = validate(lab, { ...params, ...first });
      const b = validate(lab, { ...params, ...second });
      const pairs = Object.entries(first).map(([n, s]) => [s, second[n]!] as const);
      if (sameJson(renamed(a, pairs), b)) {
        sentinels = Object.entries(first).map(([n, s]) => [s, n] as const);
      }
    }
    shape = { sentinels, defs: new Map() };
    shapes.set(key, shape);
  }
  return shape;
}

/** The lab as this learner sees and is graded on it: labSchema over the YAML with their values. */
export function definitionFor(lab: LoadedLab, params: ParamValues): LabDefinition {
  const shape = shapeOf(lab, params);
  if (!shape.sentinels) return validate(lab, params);
  const named = new Set(shape.sentinels.map(([, n]) => n));
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) if (!named.has(k)) values[k] = v;
  const key = JSON.stringify(values);
  let def = shape.defs.get(key);
  if (!def) {
    for (const [s, n] of shape.sentinels) values[n] = s;
    def = validate(lab, values);
    if (shape.defs.size >= DEFINITION_LIMIT) shape.defs.delete(shape.defs.keys().next().value!);
    shape.defs.set(key, def);
  }
  // A copy per call: callers own their definition.
  return renamed(
    def,
    shape.sentinels.map(([s, n]) => [s, String(params[n])] as const),
  );
}
