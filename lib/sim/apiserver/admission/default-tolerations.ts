// DefaultTolerationSeconds admission: pods tolerate not-ready / unreachable nodes for 300 s
// unless they say otherwise, which is why evictions happen five minutes after a node fails.
import type { KubeObject } from "../object";
import { arr, clone, ensureObj, isObj, type Obj } from "./util";

export const DEFAULT_TOLERATION_SECONDS = 300;
const TAINTS = ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"];

export function admitDefaultTolerationSeconds(pod: KubeObject): KubeObject {
  const out = clone(pod);
  const spec = ensureObj(out as unknown as Obj, "spec");
  const tolerations = arr(spec.tolerations).filter(isObj);
  const added: Obj[] = [];
  for (const key of TAINTS) {
    const covered = tolerations.some(
      (t) =>
        (t.effect === "NoExecute" || t.effect === undefined || t.effect === "") &&
        (t.key === key || ((t.key ?? "") === "" && t.operator === "Exists")),
    );
    if (!covered) {
      added.push({
        key,
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
      });
    }
  }
  if (added.length > 0) spec.tolerations = [...tolerations, ...added];
  return out;
}
