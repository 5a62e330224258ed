// Priority admission: resolve spec.priorityClassName (or the global default) into spec.priority
// and spec.preemptionPolicy.
import { newForbidden } from "../errors";
import type { KubeObject } from "../object";
import { clone, ensureObj, type Obj } from "./util";

export function admitPriority(pod: KubeObject, priorityClasses: readonly KubeObject[]): KubeObject {
  const out = clone(pod);
  const spec = ensureObj(out as unknown as Obj, "spec");
  const gr = { group: "", resource: "pods" };
  const name = out.metadata.name ?? "";
  const className = typeof spec.priorityClassName === "string" ? spec.priorityClassName : "";
  let value = 0;
  let policy: unknown = "PreemptLowerPriority";
  if (className === "") {
    const def = priorityClasses.find((pc) => pc.globalDefault === true);
    if (def) {
      spec.priorityClassName = def.metadata.name;
      value = Number(def.value ?? 0);
      policy = def.preemptionPolicy ?? policy;
    }
  } else {
    const pc = priorityClasses.find((p) => p.metadata.name === className);
    if (!pc) throw newForbidden(gr, name, `no PriorityClass with name ${className} was found`);
    value = Number(pc.value ?? 0);
    policy = pc.preemptionPolicy ?? policy;
  }
  if (typeof spec.priority === "number" && spec.priority !== value) {
    throw newForbidden(
      gr,
      name,
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
    );
  }
  spec.priority = value;
  if (spec.preemptionPolicy === undefined) spec.preemptionPolicy = policy;
  return out;
}
