// The disruption controller (pkg/controller/disruption): for every PodDisruptionBudget, count
// the covered pods that are healthy, work out how many must stay healthy, and publish how many
// voluntary disruptions (evictions) are allowed right now. The eviction subresource spends that
// allowance and records the pod in status.disruptedPods; this controller forgets a record once
// the pod is going away or after DeletionTimeout.

import {
  pdbCoversPod,
  pdbStatus,
  scaledValue,
  withDisruptionAllowedCondition,
  type PdbStatus,
} from "../../apiserver/policy/disruption-budget";
import type { KubeObject } from "../../apiserver/object";
import { parseTime } from "../../clock";
import type { ControlLoop } from "../../engine";
import { getObject, listObjects, watchPrefix } from "../shared/cache";
import type { ActiveCheck, ControllerContext } from "../shared/controller";
import { controllerLoop, splitKey } from "../shared/controller";
import { asObj, jsonEqual } from "../shared/fields";
import { isPodReady } from "../shared/pods";
import { expectedScale, NoControllersError } from "./expected-scale";

/** An eviction not followed by the pod's deletion within this time is forgotten. */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

/** getExpectedPodCount: expectedPods and desiredHealthy from maxUnavailable or minAvailable. */
export function expectedAndDesired(
  spec: Record<string, unknown>,
  podCount: number,
  scale: () => number,
): { expected: number; desired: number } {
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const expected = scale();
    const maxUnavailable = scaledValue(spec.maxUnavailable, expected, true);
    return { expected, desired: Math.max(0, expected - maxUnavailable) };
  }
  if (typeof spec.minAvailable === "number")
    return { expected: podCount, desired: spec.minAvailable };
  if (typeof spec.minAvailable === "string") {
    const expected = scale();
    return { expected, desired: scaledValue(spec.minAvailable, expected, true) };
  }
  return { expected: 0, desired: 0 };
}

/** buildDisruptedPodMap: keep records of live pods younger than DeletionTimeout. */
function liveDisruptions(
  pods: readonly KubeObject[],
  recorded: Record<string, string> | undefined,
  now: number,
  wakeAt: (at: number) => void,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pod of pods) {
    const name = pod.metadata.name ?? "";
    const at = recorded?.[name];
    if (pod.metadata.deletionTimestamp || at === undefined) continue;
    if (parseTime(at) + DELETION_TIMEOUT_MS >= now) {
      out[name] = at;
      // The record lapses then and the healthy count changes without a write.
      wakeAt(parseTime(at) + DELETION_TIMEOUT_MS + 1);
    }
  }
  return out;
}

/** countHealthyPods: Ready, not being deleted, not just evicted. */
function countHealthy(pods: readonly KubeObject[], disrupted: Record<string, string>): number {
  return pods.filter(
    (p) =>
      !p.metadata.deletionTimestamp &&
      disrupted[p.metadata.name ?? ""] === undefined &&
      isPodReady(p),
  ).length;
}

function write(ctx: ControllerContext, pdb: KubeObject, status: PdbStatus): void {
  if (jsonEqual(pdb.status, status)) return;
  ctx.client.updateStatus("policy", "poddisruptionbudgets", { ...pdb, status });
}

function sync(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const pdb = getObject(ctx.state(), "policy", "poddisruptionbudgets", ns, name);
  if (!pdb || pdb.metadata.deletionTimestamp) return;
  const spec = asObj(pdb.spec);
  const old = pdbStatus(pdb);
  const pods = listObjects(ctx.state(), "", "pods", ns).filter((p) => pdbCoversPod(pdb, p));
  let counts: { expected: number; desired: number };
  try {
    counts = expectedAndDesired(spec, pods.length, () => expectedScale(ctx, pods).expected);
  } catch (e) {
    if (!(e instanceof NoControllersError)) throw e;
    // failSafe: no disruption is allowed while the budget cannot be computed.
    const failed = withDisruptionAllowedCondition({ ...old, disruptionsAllowed: 0 }, ctx.now);
    const cond = failed.conditions!.find((c) => c.type === "DisruptionAllowed")!;
    cond.reason = "SyncFailed";
    cond.message = e.message;
    write(ctx, pdb, failed);
    return;
  }
  const disruptedPods = liveDisruptions(pods, old.disruptedPods, ctx.now, ctx.wakeAt);
  const currentHealthy = countHealthy(pods, disruptedPods);
  const allowed = currentHealthy - counts.desired;
  // PodDisruptionBudgetStatus's field order, disruptedPods omitted when empty.
  const next: PdbStatus = {
    observedGeneration: pdb.metadata.generation ?? 1,
    ...(Object.keys(disruptedPods).length ? { disruptedPods } : {}),
    disruptionsAllowed: counts.expected <= 0 || allowed <= 0 ? 0 : allowed,
    currentHealthy,
    desiredHealthy: counts.desired,
    expectedPods: counts.expected,
    conditions: old.conditions,
  };
  write(ctx, pdb, withDisruptionAllowedCondition(next, ctx.now));
}

export function disruptionController(active?: ActiveCheck): ControlLoop {
  return controllerLoop(
    {
      name: "disruption-controller",
      serviceAccount: "disruption-controller",
      watches: [
        watchPrefix("policy", "poddisruptionbudgets"),
        watchPrefix("", "pods"),
        watchPrefix("apps", "replicasets"),
        watchPrefix("apps", "deployments"),
        watchPrefix("apps", "statefulsets"),
      ],
      keys: (ctx) =>
        listObjects(ctx.state(), "policy", "poddisruptionbudgets").map(
          (p) => `${p.metadata.namespace ?? ""}/${p.metadata.name ?? ""}`,
        ),
      reconcile: sync,
    },
    active,
  );
}
