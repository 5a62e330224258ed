import { describe, expect, it } from "vitest";
import type { JsonValue } from "../object";
import { Rng } from "../../random";
import { jsonEqual } from "../../json-value";
import { emptySet, type FieldSet, insert, paths, pathString } from "./field-set";
import { isAtomicObject } from "./list-types";
import { type Comparison, compare, shapeOf } from "./typed-walk";

type Json = JsonValue;
const isObj = (v: unknown): v is { [k: string]: Json } =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const deepEqual = (a: Json | undefined, b: Json | undefined) => jsonEqual(a, b);
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
function hasField(o: { [k: string]: Json }): boolean {
  for (const k in o) if (o[k] !== undefined) return true;
  return false;
}

// compare as it was before its scalar and one-sided map shortcuts: the faster walk must give
// the very same sets, built in the same order (the order keys shared FieldsV1 trees).
function referenceCompare(lhs: Json | undefined, rhs: Json | undefined): Comparison {
  const c: Comparison = { added: emptySet(), modified: emptySet(), removed: emptySet() };
  const path: string[] = [];
  const walk = (l: Json | undefined, r: Json | undefined) => {
    // Unchanged subtrees are often shared between the two versions.
    if (l === r) return;
    // Two non-empty maps (most levels): their fields walked in place, without building shapes.
    if (isObj(l) && isObj(r) && !(path.length > 0 && isAtomicObject(path))) {
      if (walkMaps(l, r)) return;
    }
    let sl = l === undefined ? undefined : shapeOf(path, l);
    let sr = r === undefined ? undefined : shapeOf(path, r);
    // An empty container is a leaf only when the other side is empty too (emptyPromoteToLeaf).
    if (sl?.kind === "leaf" && sl.empty && sr && sr.kind !== "leaf")
      sl = { kind: sr.kind, entries: [] };
    if (sr?.kind === "leaf" && sr.empty && sl && sl.kind !== "leaf")
      sr = { kind: sl.kind, entries: [] };
    // A present null (a Go zero value: nil slice or map) walks as an empty container, and
    // being present, its path is not "added" (compareWalker only adds absent values).
    if (l === null && sr && sr.kind !== "leaf") sl = { kind: sr.kind, entries: [] };
    if (r === null && sl && sl.kind !== "leaf") sr = { kind: sl.kind, entries: [] };
    const leaf = sl?.kind === "leaf" || sr?.kind === "leaf" || (sl && sr && sl.kind !== sr.kind);
    if (leaf && path.length > 0) {
      if (l === undefined) insert(c.added, path);
      else if (r === undefined) insert(c.removed, path);
      else if (!deepEqual(l, r)) insert(c.modified, path);
      return;
    }
    const left = new Map(sl && sl.kind !== "leaf" ? sl.entries : []);
    const right = sr && sr.kind !== "leaf" ? sr.entries : [];
    for (const [el, rv] of right) {
      path.push(el);
      walk(left.get(el), rv);
      path.pop();
      left.delete(el);
    }
    for (const [el, lv] of left) {
      path.push(el);
      walk(lv, undefined);
      path.pop();
    }
    // The merge walker's post-item hook: a new or vanished container is itself a path.
    if (path.length > 0) {
      if (l === undefined) insert(c.added, path);
      else if (r === undefined) insert(c.removed, path);
    }
  };
  /** compare's map/map case: false (nothing walked) when either map is empty. */
  const walkMaps = (l: { [k: string]: Json }, r: { [k: string]: Json }): boolean => {
    if (!hasField(l) || !hasField(r)) return false;
    for (const k in r) {
      const rv = r[k];
      if (rv === undefined) continue;
      path.push(`f:${k}`);
      walk(hasOwn(l, k) ? l[k] : undefined, rv);
      path.pop();
    }
    for (const k in l) {
      const lv = l[k];
      if (lv === undefined || (hasOwn(r, k) && r[k] !== undefined)) continue;
      path.push(`f:${k}`);
      walk(lv, undefined);
      path.pop();
    }
    return true;
  };
  walk(lhs, rhs);
  return c;
}

/** A set written in its insertion order, members and levels alike. */
function written(s: FieldSet): string {
  let out = "";
  for (const m of s.members) out += `${JSON.stringify(m)};`;
  for (const [k, child] of s.children) out += `${JSON.stringify(k)}{${written(child)}}`;
  return out;
}

const text = (c: Comparison) =>
  `added ${written(c.added)} modified ${written(c.modified)} removed ${written(c.removed)}`;

// Values like a pod's: keyed lists (conditions, containers), atomic maps (selector), nulls,
// empty containers, scalars, and fields present on one side only.
const FIELDS = ["a", "b", "conditions", "containers", "selector", "status", "name", "type", "x"];
function value(rng: Rng, depth: number): Json | undefined {
  const pick = rng.int(depth > 3 ? 5 : 9);
  switch (pick) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return rng.int(3);
    case 3:
      return ["p", "q", ""][rng.int(3)]!;
    case 4:
      return rng.int(2) === 0;
    case 5:
    case 6:
      return map(rng, depth + 1);
    case 7:
      return Array.from({ length: rng.int(3) }, () => item(rng, depth + 1));
    default:
      return rng.int(2) ? {} : [];
  }
}
function item(rng: Rng, depth: number): Json {
  const o = map(rng, depth);
  if (rng.int(4) > 0) o.type = ["Ready", "Initialized", "PodScheduled"][rng.int(3)]!;
  if (rng.int(4) > 0) o.name = ["web", "db"][rng.int(2)]!;
  return o;
}
function map(rng: Rng, depth: number): { [k: string]: Json } {
  const o: { [k: string]: Json } = {};
  const n = rng.int(4);
  for (let i = 0; i < n; i++) {
    const v = value(rng, depth);
    (o as Record<string, unknown>)[FIELDS[rng.int(FIELDS.length)]!] = v;
  }
  return o;
}
/** A changed copy: most subtrees shared, some replaced, dropped or added. */
function changed(rng: Rng, v: Json | undefined, depth: number): Json | undefined {
  const roll = rng.int(10);
  if (roll < 5) return v;
  if (roll < 7 || !isObj(v)) return value(rng, depth);
  const out: { [k: string]: Json } = {};
  for (const k in v) {
    const next = changed(rng, v[k], depth + 1);
    if (next !== undefined || rng.int(2)) (out as Record<string, unknown>)[k] = next;
  }
  if (rng.int(3) === 0)
    (out as Record<string, unknown>)[FIELDS[rng.int(FIELDS.length)]!] = value(rng, depth);
  return out;
}

describe("compare", () => {
  it("gives the reference walk's sets, in its order, on random pairs of values", () => {
    const rng = Rng.fromSeed("typed-walk compare");
    let nonEmpty = 0;
    for (let i = 0; i < 4000; i++) {
      const l = { status: map(rng, 0), spec: map(rng, 0) } as Json;
      const r = changed(rng, l, 0) ?? {};
      const c = compare(l, r);
      expect(text(c), JSON.stringify([l, r])).toBe(text(referenceCompare(l, r)));
      const back = compare(r, l);
      expect(text(back), JSON.stringify([r, l])).toBe(text(referenceCompare(r, l)));
      if (written(c.added) || written(c.modified) || written(c.removed)) nonEmpty++;
    }
    // Most pairs differ somewhere, so the sets are really compared.
    expect(nonEmpty).toBeGreaterThan(1000);
  });

  it("counts a status the write adds as added fields under an added map", () => {
    const c = compare(
      { status: { phase: "Pending" } },
      {
        status: {
          phase: "Running",
          podIP: "10.0.0.1",
          conditions: [{ type: "Ready", status: "True" }],
        },
      },
    );
    expect(paths(c.added).map(pathString)).toEqual([
      ".status.conditions",
      ".status.podIP",
      '.status.conditions[type="Ready"]',
      '.status.conditions[type="Ready"].status',
      '.status.conditions[type="Ready"].type',
    ]);
    expect(paths(c.modified).map(pathString)).toEqual([".status.phase"]);
    expect(paths(c.removed)).toEqual([]);
    const back = compare({ status: { conditions: [{ type: "Ready" }] } }, { status: {} });
    expect(paths(back.removed).map(pathString)).toEqual([
      ".status.conditions",
      '.status.conditions[type="Ready"]',
      '.status.conditions[type="Ready"].type',
    ]);
  });
});
