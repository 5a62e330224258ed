// The PodDisruptionBudget half of the eviction subresource (pkg/registry/core/pod/storage/
// eviction.go, 1.28): which budget guards the pod, whether it may be disrupted now, and the
// budget's status after an allowed eviction (one disruption spent, the pod recorded).

import { formatTime } from "../../clock";
import { ApiError, newForbidden, newInternalError, newTooManyRequests } from "../errors";
import type { KubeObject } from "../object";
import { pdbCoversPod, pdbStatus, withDisruptionAllowedCondition } from "./disruption-budget";

const VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";
/** MaxDisruptedPodSize: beyond this the controller has fallen too far behind. */
const MAX_DISRUPTED_PODS = 2000;

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};

/** podutil.IsPodReady: the Ready condition is True. */
function isPodReady(pod: KubeObject): boolean {
  const conditions = asObj(pod.status).conditions;
  return (
    Array.isArray(conditions) &&
    conditions.some((c) => asObj(c).type === "Ready" && asObj(c).status === "True")
  );
}

function tooManyRequests(cause: string): ApiError {
  const err = newTooManyRequests(VIOLATION, 0);
  err.status.details = { causes: [{ reason: "DisruptionBudget", message: cause }] };
  return err;
}

/** canIgnorePDB: finished, pending or already-terminating pods are deleted outright. */
export function canIgnoreBudget(pod: KubeObject): boolean {
  const phase = asObj(pod.status).phase;
  return (
    phase === "Succeeded" ||
    phase === "Failed" ||
    phase === "Pending" ||
    Boolean(pod.metadata.deletionTimestamp)
  );
}

/** The budget guarding the pod, undefined when none does; more than one is refused. */
export function guardingBudget(
  pod: KubeObject,
  pdbs: readonly KubeObject[],
): KubeObject | undefined {
  const covering = pdbs.filter((p) => pdbCoversPod(p, pod));
  if (covering.length > 1)
    throw newInternalError(
      "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
    );
  return covering[0];
}

/**
 * The PDB after this eviction, or undefined when the pod may go without spending the budget
 * (an unready pod while the budget is healthy: unhealthyPodEvictionPolicy IfHealthyBudget,
 * or always with AlwaysAllow). Throws the Status the API server answers when refused.
 */
export function spendBudget(pod: KubeObject, pdb: KubeObject, now: number): KubeObject | undefined {
  const status = pdbStatus(pdb);
  const name = pdb.metadata.name ?? "";
  if (!isPodReady(pod)) {
    const policy = asObj(pdb.spec).unhealthyPodEvictionPolicy;
    if (policy === "AlwaysAllow") return undefined;
    if (status.currentHealthy >= status.desiredHealthy && status.desiredHealthy > 0)
      return undefined;
  }
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1))
    throw tooManyRequests(`The disruption budget ${name} is still being processed by the server.`);
  if (status.disruptionsAllowed < 0)
    throw newForbidden(
      { group: "policy", resource: "poddisruptionbudget" },
      name,
      "pdb disruptions allowed is negative",
    );
  if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS)
    throw newForbidden(
      { group: "policy", resource: "poddisruptionbudget" },
      name,
      "DisruptedPods map too big - too many evictions not confirmed by PDB controller",
    );
  if (status.disruptionsAllowed === 0)
    throw tooManyRequests(
      `The disruption budget ${name} needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`,
    );
  let next = { ...status, disruptionsAllowed: status.disruptionsAllowed - 1 };
  if (next.disruptionsAllowed === 0) next = withDisruptionAllowedCondition(next, now);
  next.disruptedPods = {
    ...(status.disruptedPods ?? {}),
    [pod.metadata.name ?? ""]: formatTime(now),
  };
  return { ...pdb, status: next };
}
