// DefaultStorageClass admission: a claim that names no storage class gets the cluster's default
// (the StorageClass annotated storageclass.kubernetes.io/is-default-class=true; the newest one
// when several are, as upstream's GetDefaultClass picks).
import type { KubeObject } from "../object";
import { clone, ensureObj, type Obj } from "./util";

export const IS_DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

export function admitDefaultStorageClass(
  pvc: KubeObject,
  storageClasses: readonly KubeObject[],
): KubeObject {
  const spec = (pvc.spec ?? {}) as Obj;
  if (spec.storageClassName !== undefined && spec.storageClassName !== null) return pvc;
  const defaults = storageClasses
    .filter((sc) => sc.metadata.annotations?.[IS_DEFAULT_CLASS_ANNOTATION] === "true")
    .sort((a, b) => {
      const ta = a.metadata.creationTimestamp ?? "";
      const tb = b.metadata.creationTimestamp ?? "";
      return ta === tb
        ? (a.metadata.name ?? "") < (b.metadata.name ?? "")
          ? -1
          : 1
        : ta < tb
          ? 1
          : -1;
    });
  const chosen = defaults[0];
  if (!chosen) return pvc;
  const out = clone(pvc);
  ensureObj(out as unknown as Obj, "spec").storageClassName = chosen.metadata.name;
  return out;
}
