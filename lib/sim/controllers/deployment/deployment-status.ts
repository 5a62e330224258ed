// The Deployment controller's status write: replicas, ready/available/updated counts and the
// Available/Progressing conditions `kubectl rollout status` waits for, plus the revision
// annotation copied from the newest ReplicaSet. Written only when something but times changed.

import type { KubeObject } from "../../apiserver/object";
import { formatTime } from "../../clock";
import { getObject, listObjects } from "../shared/cache";
import type { ControllerContext } from "../shared/controller";
import { asArray, asNumber, asObj, jsonEqual, type Obj } from "../shared/fields";
import { isControlledBy } from "../shared/owners";
import { fenceposts } from "./rolling";

export const REVISION = "deployment.kubernetes.io/revision";

export const statusOf = (o: KubeObject, f: string) => asNumber(asObj(o.status)[f]);

function condition(
  old: Obj[],
  type: string,
  status: string,
  reason: string,
  message: string,
  now: string,
): Obj {
  const prev = old.find((c) => c.type === type);
  const same = prev?.status === status;
  return {
    type,
    status,
    lastUpdateTime: same && prev?.reason === reason ? prev.lastUpdateTime : now,
    lastTransitionTime: same ? prev?.lastTransitionTime : now,
    reason,
    message,
  };
}

export function updateDeploymentStatus(
  ctx: ControllerContext,
  d0: KubeObject,
  newName: string | undefined,
  created: boolean,
): void {
  const d = getObject(
    ctx.state(),
    "apps",
    "deployments",
    d0.metadata.namespace,
    d0.metadata.name ?? "",
  );
  if (!d) return;
  const spec = asObj(d.spec);
  const replicas = asNumber(spec.replicas, 1);
  const all = listObjects(ctx.state(), "apps", "replicasets", d.metadata.namespace).filter((rs) =>
    isControlledBy(rs, d),
  );
  const sum = (f: string) => all.reduce((n, rs) => n + statusOf(rs, f), 0);
  const newRS = all.find((rs) => rs.metadata.name === newName);
  const updated = newRS ? statusOf(newRS, "replicas") : 0;
  const available = sum("availableReplicas");
  const total = sum("replicas");
  const { unavailable } = fenceposts(spec.strategy, replicas);
  const stamp = formatTime(ctx.now);
  const oldConds = asArray(asObj(d.status).conditions);
  const availableCond =
    available >= replicas - unavailable
      ? condition(
          oldConds,
          "Available",
          "True",
          "MinimumReplicasAvailable",
          "Deployment has minimum availability.",
          stamp,
        )
      : condition(
          oldConds,
          "Available",
          "False",
          "MinimumReplicasUnavailable",
          "Deployment does not have minimum availability.",
          stamp,
        );
  const complete =
    newRS &&
    updated === replicas &&
    available === replicas &&
    total === replicas &&
    statusOf(newRS, "availableReplicas") === replicas;
  const progressing = spec.paused
    ? condition(
        oldConds,
        "Progressing",
        "Unknown",
        "DeploymentPaused",
        "Deployment is paused",
        stamp,
      )
    : complete
      ? condition(
          oldConds,
          "Progressing",
          "True",
          "NewReplicaSetAvailable",
          `ReplicaSet "${newName}" has successfully progressed.`,
          stamp,
        )
      : created
        ? condition(
            oldConds,
            "Progressing",
            "True",
            "NewReplicaSetCreated",
            `Created new replica set "${newName}"`,
            stamp,
          )
        : condition(
            oldConds,
            "Progressing",
            "True",
            "ReplicaSetUpdated",
            `ReplicaSet "${newName}" is progressing.`,
            stamp,
          );
  const unavailableCount = Math.max(0, Math.max(replicas, total) - available);
  const status: Obj = {
    observedGeneration: d.metadata.generation ?? 1,
    ...(total ? { replicas: total } : {}),
    ...(updated ? { updatedReplicas: updated } : {}),
    ...(sum("readyReplicas") ? { readyReplicas: sum("readyReplicas") } : {}),
    ...(available ? { availableReplicas: available } : {}),
    ...(unavailableCount ? { unavailableReplicas: unavailableCount } : {}),
    conditions: [availableCond, progressing],
    ...(asObj(d.status).collisionCount !== undefined
      ? { collisionCount: asObj(d.status).collisionCount }
      : {}),
  };
  const old = asObj(d.status);
  const sameButTimes = jsonEqual(
    { ...status, conditions: asArray(status.conditions).map((c) => ({ ...c, lastUpdateTime: 0 })) },
    { ...old, conditions: asArray(old.conditions).map((c) => ({ ...c, lastUpdateTime: 0 })) },
  );
  // SetDeploymentRevision: the Deployment carries its newest ReplicaSet's revision, written
  // through deployments/status as the real controller does.
  const revision = newRS?.metadata.annotations?.[REVISION];
  const annotations = d.metadata.annotations ?? {};
  const revisionChanged = revision !== undefined && annotations[REVISION] !== revision;
  if (sameButTimes && !revisionChanged) return;
  const metadata = revisionChanged
    ? { ...d.metadata, annotations: { ...annotations, [REVISION]: revision } }
    : d.metadata;
  ctx.client.updateStatus("apps", "deployments", { ...d, metadata, status });
}
