// policy/v1 PodDisruptionBudget rules (pkg/apis/policy/validation ValidatePodDisruptionBudgetSpec,
// 1.28): minAvailable XOR maxUnavailable, each a non-negative int or a percent up to 100%,
// a valid label selector, and a known unhealthyPodEvictionPolicy.
import type { KubeObject } from "../object";
import { validateLabelSelector, type LabelSelector } from "../selectors/label-selector-object";
import { fieldErrors, type FieldError } from "./field-error";
import { isDNS1123Subdomain } from "./names";
import { validateObjectMeta } from "./object-meta";
import { notMoreThan100Percent, validateIntOrPercent } from "./workloads";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};

const EVICTION_POLICIES = ["AlwaysAllow", "IfHealthyBudget"];

export function validatePodDisruptionBudgetSpec(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const set = (v: unknown) => v !== undefined && v !== null;
  // Go prints the whole spec struct (with heap pointers) here; the project renders composite
  // bad values as JSON, the closest reproducible rendering.
  if (set(spec.minAvailable) && set(spec.maxUnavailable))
    errs.push(
      fieldErrors.invalid("spec", spec, "minAvailable and maxUnavailable cannot be both set"),
    );
  for (const f of ["minAvailable", "maxUnavailable"]) {
    if (!set(spec[f])) continue;
    errs.push(...validateIntOrPercent(spec[f], `spec.${f}`));
    errs.push(...notMoreThan100Percent(spec[f], `spec.${f}`));
  }
  errs.push(...validateLabelSelector(spec.selector as LabelSelector | undefined, "spec.selector"));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (set(policy) && !EVICTION_POLICIES.includes(String(policy)))
    errs.push(
      fieldErrors.notSupported("spec.unhealthyPodEvictionPolicy", policy, EVICTION_POLICIES),
    );
  return errs;
}

export function validatePodDisruptionBudget(pdb: KubeObject): FieldError[] {
  return [
    ...validateObjectMeta(pdb.metadata, true, isDNS1123Subdomain),
    ...validatePodDisruptionBudgetSpec(obj(pdb.spec)),
  ];
}
