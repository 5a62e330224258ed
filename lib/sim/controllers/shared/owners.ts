// ownerReferences: the controllerRef that ties a pod to its ReplicaSet (or a
// ReplicaSet to its Deployment), used for adoption, status and garbage collection.

import type { KubeObject, OwnerReference } from "../../apiserver/object";

export function controllerRef(obj: KubeObject): OwnerReference | undefined {
  return (obj.metadata.ownerReferences ?? []).find((r) => r.controller === true);
}

export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  return controllerRef(obj)?.uid === owner.metadata.uid;
}

export function newControllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? "",
    uid: owner.metadata.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

export const isTerminating = (obj: KubeObject): boolean => !!obj.metadata.deletionTimestamp;

const EMPTY: readonly KubeObject[] = [];
const byController = new WeakMap<readonly KubeObject[], Map<string | undefined, KubeObject[]>>();

/**
 * The objects of `list` whose controllerRef names `ownerUid` (undefined: those with no
 * controllerRef, the orphans an owner may adopt), in list order. A controller's per-key
 * inputs (shared/controller.ts) name only these, as client-go enqueues only a changed
 * object's controller: with a namespace's whole list as an input, every ReplicaSet status
 * write re-synced every Deployment of the namespace and every pod write every ReplicaSet,
 * so a small write's settle grew with all the learner had created. The list is indexed
 * once (lists are kept per lineage and shared: controllers/shared/cache.ts).
 */
export function controlledIn(
  list: readonly KubeObject[],
  ownerUid: string | undefined,
): readonly KubeObject[] {
  let index = byController.get(list);
  if (!index) {
    index = new Map();
    for (const obj of list) {
      const uid = controllerRef(obj)?.uid;
      const group = index.get(uid);
      if (group) group.push(obj);
      else index.set(uid, [obj]);
    }
    byController.set(list, index);
  }
  return index.get(ownerUid) ?? EMPTY;
}
