// TaintNodesByCondition admission: a node is registered with node.kubernetes.io/not-ready:NoSchedule
// until the node lifecycle controller sees it Ready, so nothing is scheduled onto it too early.
import type { KubeObject } from "../object";
import { arr, clone, ensureObj, isObj, type Obj } from "./util";

export const NOT_READY_TAINT = { key: "node.kubernetes.io/not-ready", effect: "NoSchedule" };

export function admitNodeTaints(node: KubeObject): KubeObject {
  const out = clone(node);
  const spec = ensureObj(out as unknown as Obj, "spec");
  const taints = arr(spec.taints).filter(isObj);
  if (!taints.some((t) => t.key === NOT_READY_TAINT.key && t.effect === NOT_READY_TAINT.effect)) {
    spec.taints = [...taints, { ...NOT_READY_TAINT }];
  }
  return out;
}
