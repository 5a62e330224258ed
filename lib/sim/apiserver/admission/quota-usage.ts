// What an object counts against a ResourceQuota (pkg/quota/v1/evaluator/core): pods' compute
// requests/limits, object counts (legacy names and count/<resource>[.<group>]), service node
// ports and load balancers, claim storage.
import type { KubeObject } from "../object";
import type { ResourceInfo } from "../resources/resource-info";
import { formatQuantity, parseQuantity, quantity, type Quantity } from "../validation/quantity";
import { arr, isObj, obj } from "./util";

export type ResourceList = Record<string, Quantity>;

const LEGACY_COUNTS: Record<string, string> = {
  "/pods": "pods",
  "/services": "services",
  "/replicationcontrollers": "replicationcontrollers",
  "/resourcequotas": "resourcequotas",
  "/secrets": "secrets",
  "/configmaps": "configmaps",
  "/persistentvolumeclaims": "persistentvolumeclaims",
};

const one = () => quantity(1000n);
const COMPUTE = ["cpu", "memory", "ephemeral-storage"];

function add(list: ResourceList, k: string, v: Quantity): void {
  const cur = list[k];
  list[k] = cur ? { milli: cur.milli + v.milli, format: cur.format } : v;
}

/** Sum of containers, then the max with each init container (init containers run one by one). */
function podResources(pod: KubeObject, which: "requests" | "limits"): ResourceList {
  const spec = obj(pod.spec);
  const sum: ResourceList = {};
  for (const c of arr(spec.containers)) {
    for (const [k, v] of Object.entries(obj(obj(obj(c).resources)[which]))) {
      const qv = parseQuantity(v as string);
      if (qv) add(sum, k, qv);
    }
  }
  for (const c of arr(spec.initContainers)) {
    for (const [k, v] of Object.entries(obj(obj(obj(c).resources)[which]))) {
      const qv = parseQuantity(v as string);
      const cur = sum[k];
      if (qv && (!cur || qv.milli > cur.milli)) sum[k] = qv;
    }
  }
  return sum;
}

export function isTerminalPod(pod: KubeObject): boolean {
  const phase = obj(pod.status).phase;
  return phase === "Succeeded" || phase === "Failed";
}

export function usageOf(
  object: KubeObject,
  info: Pick<ResourceInfo, "group" | "resource">,
): ResourceList {
  const out: ResourceList = {};
  const gr = `${info.group}/${info.resource}`;
  out[info.group === "" ? `count/${info.resource}` : `count/${info.resource}.${info.group}`] =
    one();
  const legacy = LEGACY_COUNTS[gr];
  if (legacy) out[legacy] = one();
  if (gr === "/pods") {
    if (isTerminalPod(object)) return {};
    const requests = podResources(object, "requests");
    const limits = podResources(object, "limits");
    for (const r of COMPUTE) {
      const req = requests[r];
      if (req) {
        out[r] = req;
        out[`requests.${r}`] = req;
      }
      const lim = limits[r];
      if (lim) out[`limits.${r}`] = lim;
    }
  } else if (gr === "/services") {
    const spec = obj(object.spec);
    if (spec.type === "NodePort" || spec.type === "LoadBalancer") {
      out["services.nodeports"] = quantity(BigInt(arr(spec.ports).filter(isObj).length) * 1000n);
    }
    if (spec.type === "LoadBalancer") out["services.loadbalancers"] = one();
  } else if (gr === "/persistentvolumeclaims") {
    const storage = parseQuantity(
      String(obj(obj(obj(object.spec).resources).requests).storage ?? ""),
    );
    if (storage) {
      out["requests.storage"] = storage;
      const sc = obj(object.spec).storageClassName;
      if (typeof sc === "string" && sc !== "") {
        out[`${sc}.storageclass.storage.k8s.io/requests.storage`] = storage;
        out[`${sc}.storageclass.storage.k8s.io/persistentvolumeclaims`] = one();
      }
    }
  }
  return out;
}

export function parseResourceList(list: unknown): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(obj(list))) {
    const qv = parseQuantity(v as string);
    if (qv) out[k] = qv;
  }
  return out;
}

/** quota.Mask + prettyPrint: "k=v,k2=v2" over sorted keys. */
export function prettyPrint(list: ResourceList, keys: readonly string[]): string {
  return [...keys]
    .sort()
    .filter((k) => list[k] !== undefined)
    .map((k) => `${k}=${formatQuantity(list[k] as Quantity)}`)
    .join(",");
}

/** What the quota controller writes to status.used: usage of the tracked resources. */
export function computeQuotaUsed(
  hard: readonly string[],
  objects: readonly { object: KubeObject; info: Pick<ResourceInfo, "group" | "resource"> }[],
): ResourceList {
  const used: ResourceList = {};
  for (const k of hard) used[k] = quantity(0n);
  for (const { object, info } of objects) {
    for (const [k, v] of Object.entries(usageOf(object, info)))
      if (hard.includes(k)) add(used, k, v);
  }
  return used;
}
