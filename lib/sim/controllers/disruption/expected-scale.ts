// getExpectedScale of the disruption controller: the pods a percentage (or maxUnavailable) is
// taken of are the replicas their controllers want, not the pods that happen to exist. Finders
// as in 1.28: ReplicationController, Deployment (through its ReplicaSet), ReplicaSet,
// StatefulSet; a pod whose controller has no scale makes the sync fail.

import type { KubeObject } from "../../apiserver/object";
import { getObject } from "../shared/cache";
import type { ControllerContext } from "../shared/controller";
import { asObj } from "../shared/fields";
import { controllerRef } from "../shared/owners";

export class NoControllersError extends Error {
  constructor(podName: string) {
    super(`found no controllers for pod "${podName}"`);
    this.name = "NoControllersError";
  }
}

interface Scaled {
  uid: string;
  replicas: number;
}

const replicasOf = (o: KubeObject) => {
  const r = asObj(o.spec).replicas;
  return typeof r === "number" ? r : 1;
};

function findScaled(ctx: ControllerContext, pod: KubeObject): Scaled | undefined {
  const ref = controllerRef(pod);
  if (!ref) return undefined;
  const ns = pod.metadata.namespace ?? "";
  const group = ref.apiVersion.includes("/") ? ref.apiVersion.split("/")[0]! : "";
  const found = (o: KubeObject | undefined): Scaled | undefined =>
    o && o.metadata.uid === ref.uid ? { uid: ref.uid, replicas: replicasOf(o) } : undefined;
  if (group === "" && ref.kind === "ReplicationController")
    return found(getObject(ctx.state(), "", "replicationcontrollers", ns, ref.name));
  if (group === "apps" && ref.kind === "StatefulSet")
    return found(getObject(ctx.state(), "apps", "statefulsets", ns, ref.name));
  if (group === "apps" && ref.kind === "ReplicaSet") {
    const rs = getObject(ctx.state(), "apps", "replicasets", ns, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    const owner = controllerRef(rs);
    if (owner && owner.kind === "Deployment" && owner.apiVersion.startsWith("apps/")) {
      const d = getObject(ctx.state(), "apps", "deployments", ns, owner.name);
      return d && d.metadata.uid === owner.uid
        ? { uid: owner.uid, replicas: replicasOf(d) }
        : undefined;
    }
    return { uid: rs.metadata.uid ?? ref.uid, replicas: replicasOf(rs) };
  }
  return undefined;
}

/** expectedCount: the summed scale of the pods' distinct controllers; unmanaged pods apart. */
export function expectedScale(
  ctx: ControllerContext,
  pods: readonly KubeObject[],
): { expected: number; unmanaged: string[] } {
  const controllers = new Map<string, number>();
  const unmanaged: string[] = [];
  for (const pod of pods) {
    if (!controllerRef(pod)) {
      unmanaged.push(pod.metadata.name ?? "");
      continue;
    }
    const scaled = findScaled(ctx, pod);
    if (!scaled) throw new NoControllersError(pod.metadata.name ?? "");
    controllers.set(scaled.uid, scaled.replicas);
  }
  let expected = 0;
  for (const r of controllers.values()) expected += r;
  return { expected, unmanaged };
}
