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
