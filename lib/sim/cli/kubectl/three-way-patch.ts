// kubectl apply's patch (strategicpatch.CreateThreeWayMergePatch, simplified to
// the lists the simulator merges by key): fields the new configuration sets and
// the live object lacks or holds differently are set; fields the previous
// last-applied configuration had and the new one dropped are deleted (null, or
// `$patch: delete` for keyed list items); fields other writers added (status,
// defaults, controllers' annotations) are left alone.

import { mergeKeyFor } from "../../apiserver/handler/patch-merge-keys";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObj = { [k: string]: Json };

const isObj = (v: unknown): v is JsonObj =>
  typeof v === "object" && v !== null && !Array.isArray(v);

// Which lists merge by key, per Go type (Service spec.ports by port, Container ports by
// containerPort; tolerations, taints and other untagged lists atomic): the API server's own
// table, so the patch kubectl sends is merged the way it was computed.
type Path = readonly string[];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** True when a keyed list's items all carry the key (otherwise kubectl's key cannot apply). */
function keyed(path: Path, kind: string, ...lists: (Json | undefined)[]): string | undefined {
  const key = mergeKeyFor(path, kind);
  if (!key) return undefined;
  for (const l of lists)
    if (Array.isArray(l) && !l.every((x) => isObj(x) && x[key] !== undefined)) return undefined;
  return key;
}

const kindOf = (...docs: (Json | undefined)[]): string => {
  for (const d of docs) if (isObj(d) && typeof d.kind === "string") return d.kind;
  return "";
};

/** Whether the patch can be expressed as a strategic merge patch the simulator merges right. */
export function strategicSafe(...docs: (Json | undefined)[]): boolean {
  const kind = kindOf(...docs);
  const walk = (v: Json | undefined, path: Path): boolean => {
    if (Array.isArray(v)) {
      if (mergeKeyFor(path, kind) && !keyed(path, kind, v)) return false;
      return v.every((x) => walk(x, path));
    }
    if (isObj(v)) return Object.entries(v).every(([k, x]) => walk(x, [...path, k]));
    return true;
  };
  return docs.every((d) => walk(d, []));
}

function diffList(
  key: string,
  at: Ctx,
  original: Json[],
  modified: Json[],
  current: Json[],
): Json[] | undefined {
  const byKey = (l: Json[], k: Json) => l.find((x) => isObj(x) && x[key] === k) as JsonObj;
  const out: Json[] = [];
  for (const m of modified as JsonObj[]) {
    const c = byKey(current, m[key]!);
    const o = byKey(original, m[key]!) ?? {};
    if (!c) out.push(m);
    else {
      const d = diffObject(o, m, c, at);
      if (Object.keys(d).length) out.push({ [key]: m[key]!, ...d });
    }
  }
  for (const o of original as JsonObj[])
    if (!byKey(modified, o[key]!) && byKey(current, o[key]!))
      out.push({ $patch: "delete", [key]: o[key]! });
  const orderChanged = !same(
    modified.map((x) => (x as JsonObj)[key]),
    current
      .map((x) => (x as JsonObj)[key])
      .filter((k) => modified.some((m) => (m as JsonObj)[key] === k)),
  );
  return out.length || orderChanged ? out : undefined;
}

/** Where a diff is: the path from the root (list indices left out) and the root's kind. */
interface Ctx {
  path: Path;
  kind: string;
}

function diffObject(original: JsonObj, modified: JsonObj, current: JsonObj, at: Ctx): JsonObj {
  const patch: JsonObj = {};
  for (const [k, m] of Object.entries(modified)) {
    const c = current[k];
    const o = original[k];
    const here: Ctx = { path: [...at.path, k], kind: at.kind };
    if (isObj(m) && isObj(c)) {
      const d = diffObject(isObj(o) ? o : {}, m, c, here);
      if (Object.keys(d).length) patch[k] = d;
    } else if (Array.isArray(m) && Array.isArray(c)) {
      const key = keyed(here.path, here.kind, m, c, Array.isArray(o) ? o : []);
      if (key) {
        const d = diffList(key, here, Array.isArray(o) ? o : [], m, c);
        if (d) {
          patch[k] = d;
          patch[`$setElementOrder/${k}`] = m.map((x) => ({ [key]: (x as JsonObj)[key]! }));
        }
      } else if (!same(m, c)) patch[k] = m;
    } else if (!same(m, c)) patch[k] = m;
  }
  for (const k of Object.keys(original)) if (!(k in modified) && k in current) patch[k] = null;
  return patch;
}

/**
 * The patch turning `current` into what the user applied: `original` is the
 * previous last-applied configuration ({} when there was none), `modified` the
 * new configuration including its new last-applied annotation.
 */
export function threeWayPatch(original: unknown, modified: unknown, current: unknown): JsonObj {
  const o = isObj(original) ? original : {};
  const m = isObj(modified) ? modified : {};
  const c = isObj(current) ? current : {};
  return diffObject(o, m, c, { path: [], kind: kindOf(m, c, o) });
}
