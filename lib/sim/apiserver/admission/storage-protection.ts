// StorageObjectInUseProtection admission: claims and volumes get their protection finalizer at
// creation, so deleting one in use leaves it Terminating until nothing uses it.
import type { KubeObject } from "../object";
import { clone } from "./util";

export const PVC_PROTECTION_FINALIZER = "kubernetes.io/pvc-protection";
export const PV_PROTECTION_FINALIZER = "kubernetes.io/pv-protection";

export function admitStorageProtection(
  object: KubeObject,
  resource: "persistentvolumeclaims" | "persistentvolumes",
): KubeObject {
  const finalizer =
    resource === "persistentvolumeclaims" ? PVC_PROTECTION_FINALIZER : PV_PROTECTION_FINALIZER;
  if (object.metadata.finalizers?.includes(finalizer)) return object;
  const out = clone(object);
  out.metadata.finalizers = [...(out.metadata.finalizers ?? []), finalizer];
  return out;
}
