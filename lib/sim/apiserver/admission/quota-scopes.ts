// Which quotas an object falls under (pkg/quota/v1/evaluator/core/pods.go podMatchesScopeFunc):
// quotas with scopes or a scopeSelector only track pods, filtered by termination deadline,
// QoS class and priority class; quotas without scopes track everything they name.
import type { KubeObject } from "../object";
import type { ResourceInfo } from "../resources/resource-info";
import { arr, isObj, obj } from "./util";

interface ScopeRequirement {
  scopeName: string;
  operator: string;
  values?: string[];
}

function isBestEffort(pod: KubeObject): boolean {
  const spec = obj(pod.spec);
  for (const c of [...arr(spec.containers), ...arr(spec.initContainers)]) {
    const res = obj(obj(c).resources);
    for (const list of [obj(res.requests), obj(res.limits)]) {
      if (list.cpu !== undefined || list.memory !== undefined) return false;
    }
  }
  return true;
}

function podMatchesScope(pod: KubeObject, req: ScopeRequirement): boolean {
  const spec = obj(pod.spec);
  const deadline = spec.activeDeadlineSeconds;
  switch (req.scopeName) {
    case "Terminating":
      return typeof deadline === "number" && deadline >= 0;
    case "NotTerminating":
      return typeof deadline !== "number";
    case "BestEffort":
      return isBestEffort(pod);
    case "NotBestEffort":
      return !isBestEffort(pod);
    case "PriorityClass": {
      const name = typeof spec.priorityClassName === "string" ? spec.priorityClassName : "";
      const values = req.values ?? [];
      switch (req.operator) {
        case "In":
          return values.includes(name);
        case "NotIn":
          return !values.includes(name);
        case "Exists":
          return name !== "";
        case "DoesNotExist":
          return name === "";
        default:
          return false;
      }
    }
    default:
      // CrossNamespacePodAffinity needs the pod's affinity terms: not simulated, never matches.
      return false;
  }
}

function scopeRequirements(quota: KubeObject): ScopeRequirement[] {
  const spec = obj(quota.spec);
  const scopes: ScopeRequirement[] = arr(spec.scopes)
    .filter((s): s is string => typeof s === "string")
    .map((s) => ({ scopeName: s, operator: "Exists" }));
  for (const e of arr(obj(spec.scopeSelector).matchExpressions)) {
    if (isObj(e)) scopes.push(e as unknown as ScopeRequirement);
  }
  return scopes;
}

/** Does `quota` apply to `object`? (Resources are matched separately by name.) */
export function quotaMatchesObject(
  quota: KubeObject,
  object: KubeObject,
  info: Pick<ResourceInfo, "group" | "resource">,
): boolean {
  const scopes = scopeRequirements(quota);
  if (scopes.length === 0) return true;
  if (info.group !== "" || info.resource !== "pods") return false;
  return scopes.every((s) => podMatchesScope(object, s));
}
