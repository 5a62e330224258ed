// ValidatePodUpdate: a pod's spec is immutable except container images, activeDeadlineSeconds,
// added tolerations and a negative terminationGracePeriodSeconds raised to 1.
import type { KubeObject } from "../object";
import { fieldErrors, type FieldError } from "./field-error";
import { jsonEqual } from "../../json-value";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export const POD_UPDATABLE_FIELDS =
  "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === "object" && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Obj).sort(([a], [b]) => (a < b ? -1 : 1)))
      : val,
  ) ?? "undefined";

// Copies the mutable parts of `prev` onto `next` so what remains to compare is immutable.
function normalize(nextSpec: Obj, prevSpec: Obj): Obj {
  const spec: Obj = { ...nextSpec };
  for (const list of ["containers", "initContainers"] as const) {
    const prevList = arr(prevSpec[list]);
    if (Array.isArray(spec[list])) {
      spec[list] = arr(spec[list]).map((c, i) =>
        i < prevList.length ? { ...obj(c), image: obj(prevList[i]).image } : c,
      );
    }
  }
  spec.activeDeadlineSeconds = prevSpec.activeDeadlineSeconds;
  // Tolerations may only grow: if the old ones are a prefix-insensitive subset, accept.
  const nextTol = arr(nextSpec.tolerations);
  if (arr(prevSpec.tolerations).every((t) => nextTol.some((n) => jsonEqual(n, t))))
    spec.tolerations = prevSpec.tolerations;
  const oldGrace = prevSpec.terminationGracePeriodSeconds;
  if (
    typeof oldGrace === "number" &&
    oldGrace < 0 &&
    nextSpec.terminationGracePeriodSeconds === 1
  ) {
    spec.terminationGracePeriodSeconds = oldGrace;
  }
  return spec;
}

const goField = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);

/**
 * Upstream appends a go-cmp diff of core.PodSpec to the message. We print the changed fields in
 * the same layout ("-" old, "+" new) with JSON values: the fields are right, the value syntax
 * is JSON rather than Go.
 */
function specDiff(prev: Obj, next: Obj): string {
  const keysAll = [...new Set([...Object.keys(prev), ...Object.keys(next)])].sort();
  const lines = ["  core.PodSpec{"];
  let same = 0;
  for (const k of keysAll) {
    if (canonical(prev[k]) === canonical(next[k])) {
      same++;
      continue;
    }
    if (prev[k] !== undefined) lines.push(`- \t${goField(k)}: ${JSON.stringify(prev[k])},`);
    if (next[k] !== undefined) lines.push(`+ \t${goField(k)}: ${JSON.stringify(next[k])},`);
  }
  if (same > 0) lines.push(`  \t... // ${same} identical fields`);
  lines.push("  }");
  return lines.join("\n");
}

export function validatePodUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const nextSpec = obj(next.spec);
  const prevSpec = obj(prev.spec);
  arr(nextSpec.containers).forEach((c, i) => {
    if (obj(c).image === "" || obj(c).image === undefined) {
      errs.push(fieldErrors.required(`spec.containers[${i}].image`, ""));
    }
  });
  // A status update carries the stored spec itself: nothing to compare.
  if (nextSpec === prevSpec) return errs;
  const normalized = normalize(nextSpec, prevSpec);
  if (!jsonEqual(normalized, prevSpec)) {
    errs.push(
      fieldErrors.forbidden("spec", `${POD_UPDATABLE_FIELDS}\n${specDiff(prevSpec, normalized)}`),
    );
  }
  return errs;
}
