// kubectl apply's patch (strategicpatch.CreateThreeWayMergePatch, simplified to
// the lists the simulator merges by key): fields the new configuration sets and
// the live object lacks or holds differently are set; fields the previous
// last-applied configuration had and the new one dropped are deleted (null, or
// `$patch: delete` for keyed list items); fields other writers added (status,
// defaults, controllers' annotations) are left alone.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObj = { [k: string]: Json };

const isObj = (v: unknown): v is JsonObj =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** patchMergeKey of the lists kubectl merges by key (k8s.io/api struct tags). */
export const APPLY_MERGE_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  ports: "containerPort",
  imagePullSecrets: "name",
  tolerations: "key",
  hostAliases: "ip",
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** True when a keyed list's items all carry the key (otherwise kubectl's key cannot apply). */
function keyed(field: string, ...lists: (Json | undefined)[]): string | undefined {
  const key = APPLY_MERGE_KEYS[field];
  if (!key) return undefined;
  for (const l of lists)
    if (Array.isArray(l) && !l.every((x) => isObj(x) && x[key] !== undefined)) return undefined;
  return key;
}

/** Whether the patch can be expressed as a strategic merge patch the simulator merges right. */
export function strategicSafe(...docs: (Json | undefined)[]): boolean {
  const walk = (v: Json | undefined, field: string): boolean => {
    if (Array.isArray(v)) {
      if (APPLY_MERGE_KEYS[field] && !keyed(field, v)) return false;
      return v.every((x) => walk(x, field));
    }
    if (isObj(v)) return Object.entries(v).every(([k, x]) => walk(x, k));
    return true;
  };
  return docs.every((d) => walk(d, ""));
}

function diffList(
  key: string,
  field: string,
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
      const d = diffObject(o, m, c);
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
  void field;
  return out.length || orderChanged ? out : undefined;
}

function diffObject(original: JsonObj, modified: JsonObj, current: JsonObj): JsonObj {
  const patch: JsonObj = {};
  for (const [k, m] of Object.entries(modified)) {
    const c = current[k];
    const o = original[k];
    if (isObj(m) && isObj(c)) {
      const d = diffObject(isObj(o) ? o : {}, m, c);
      if (Object.keys(d).length) patch[k] = d;
    } else if (Array.isArray(m) && Array.isArray(c)) {
      const key = keyed(k, m, c, Array.isArray(o) ? o : []);
      if (key) {
        const d = diffList(key, k, Array.isArray(o) ? o : [], m, c);
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
  return diffObject(
    isObj(original) ? original : {},
    isObj(modified) ? modified : {},
    isObj(current) ? current : {},
  );
}
