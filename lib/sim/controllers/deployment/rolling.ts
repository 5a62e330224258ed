// The arithmetic of a rolling update (pkg/controller/deployment/util): maxSurge and
// maxUnavailable resolved against spec.replicas, how far the new ReplicaSet may
// scale up, and how many old pods may go down.

import { asObj } from "../shared/fields";

/** intstr.GetScaledValueFromIntOrPercent: percentages of replicas, surge rounds up, unavailable down. */
export function resolveIntOrPercent(
  value: unknown,
  total: number,
  roundUp: boolean,
  fallback: string,
): number {
  const v = value === undefined || value === null ? fallback : value;
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(String(v));
  if (!m) return Number(v) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** ResolveFenceposts: both zero is not allowed, so unavailable becomes 1. */
export function fenceposts(
  strategy: unknown,
  replicas: number,
): { surge: number; unavailable: number } {
  const ru = asObj(asObj(strategy).rollingUpdate);
  const surge = resolveIntOrPercent(ru.maxSurge, replicas, true, "25%");
  let unavailable = resolveIntOrPercent(ru.maxUnavailable, replicas, false, "25%");
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** NewRSNewReplicas for RollingUpdate. */
export function newReplicaSetReplicas(
  replicas: number,
  surge: number,
  currentPodCount: number,
  newRSReplicas: number,
): number {
  const maxTotal = replicas + surge;
  if (currentPodCount >= maxTotal) return newRSReplicas;
  const scaleUp = Math.min(maxTotal - currentPodCount, replicas - newRSReplicas);
  return newRSReplicas + Math.max(0, scaleUp);
}

/** How many old pods may be removed now (reconcileOldReplicaSets' maxScaledDown). */
export function maxScaledDown(
  allPodsCount: number,
  replicas: number,
  unavailable: number,
  newRSUnavailable: number,
): number {
  const minAvailable = replicas - unavailable;
  return allPodsCount - minAvailable - newRSUnavailable;
}
