// PodDisruptionBudget helpers shared by the disruption controller and the eviction subresource:
// which pods a budget covers, intstr scaling, and the DisruptionAllowed condition
// (pkg/apis/policy/helper UpdateDisruptionAllowedCondition + meta.SetStatusCondition).

import { formatTime } from "../../clock";
import type { KubeObject } from "../object";
import { labelSelectorMatches, type LabelSelector } from "../selectors/label-selector-object";

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};

export interface PdbStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: Obj[];
}

export function pdbStatus(pdb: KubeObject): PdbStatus {
  const s = asObj(pdb.status);
  const num = (v: unknown) => (typeof v === "number" ? v : 0);
  return {
    ...(s as Partial<PdbStatus>),
    disruptionsAllowed: num(s.disruptionsAllowed),
    currentHealthy: num(s.currentHealthy),
    desiredHealthy: num(s.desiredHealthy),
    expectedPods: num(s.expectedPods),
  };
}

/**
 * policy/v1 semantics: a nil selector covers no pod, an empty one every pod of the namespace
 * (v1beta1's "empty matches nothing" only survives in objects written through v1beta1).
 */
export function pdbCoversPod(pdb: KubeObject, pod: KubeObject): boolean {
  if ((pdb.metadata.namespace ?? "") !== (pod.metadata.namespace ?? "")) return false;
  const selector = asObj(pdb.spec).selector as LabelSelector | null | undefined;
  return labelSelectorMatches(selector, pod.metadata.labels);
}

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is, a percent of `total` rounded up or down.
 * Validation already refused anything else.
 */
export function scaledValue(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === "number") return value;
  const m = /^([0-9]+)%$/.exec(String(value));
  const pct = m ? Number(m[1]) : 0;
  const exact = (pct * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * DisruptionAllowed: True/SufficientPods while disruptions are allowed, else
 * False/InsufficientPods; lastTransitionTime moves only when the status flips.
 */
export function withDisruptionAllowedCondition(status: PdbStatus, now: number): PdbStatus {
  const allowed = status.disruptionsAllowed > 0;
  const wanted = allowed ? "True" : "False";
  const conditions = [...(status.conditions ?? [])];
  const i = conditions.findIndex((c) => c.type === "DisruptionAllowed");
  const prev = i >= 0 ? conditions[i]! : undefined;
  // metav1.Condition's field order: type, status, observedGeneration, lastTransitionTime, reason, message.
  const next: Obj = { type: "DisruptionAllowed", status: wanted };
  if (status.observedGeneration !== undefined) next.observedGeneration = status.observedGeneration;
  next.lastTransitionTime =
    prev && prev.status === wanted ? prev.lastTransitionTime : formatTime(now);
  next.reason = allowed ? "SufficientPods" : "InsufficientPods";
  next.message = "";
  if (i >= 0) conditions[i] = next;
  else conditions.push(next);
  return { ...status, conditions };
}
