// The service REST storage's patchAllocatedValues: an update that omits the allocated clusterIP,
// IP families or node ports keeps the old ones (so `kubectl replace` with a manifest that never
// had them works), before validation checks that nothing allocated changed.
import type { KubeObject } from "../object";
import { arr, clone, isObj, obj, type Obj } from "./util";

const needsClusterIP = (spec: Obj) => spec.type !== "ExternalName" && spec.clusterIP !== "None";

export function keepAllocatedServiceValues(next: KubeObject, prev: KubeObject): KubeObject {
  const out = clone(next);
  const spec = obj(out.spec);
  const old = obj(prev.spec);
  if (
    needsClusterIP(old) &&
    needsClusterIP(spec) &&
    (spec.clusterIP === undefined || spec.clusterIP === "")
  ) {
    spec.clusterIP = old.clusterIP;
    if (arr(spec.clusterIPs).length === 0 && old.clusterIPs !== undefined)
      spec.clusterIPs = old.clusterIPs;
  }
  if (spec.ipFamilies === undefined && old.ipFamilies !== undefined)
    spec.ipFamilies = old.ipFamilies;
  if (spec.ipFamilyPolicy === undefined && old.ipFamilyPolicy !== undefined)
    spec.ipFamilyPolicy = old.ipFamilyPolicy;
  const nodePortTypes = ["NodePort", "LoadBalancer"];
  if (nodePortTypes.includes(String(spec.type)) && nodePortTypes.includes(String(old.type))) {
    const oldPorts = arr(old.ports).filter(isObj);
    for (const p of arr(spec.ports).filter(isObj)) {
      if (p.nodePort !== undefined && p.nodePort !== 0) continue;
      const match = oldPorts.find(
        (o) => o.port === p.port && (o.protocol ?? "TCP") === (p.protocol ?? "TCP"),
      );
      if (match?.nodePort !== undefined) p.nodePort = match.nodePort;
    }
    if (spec.healthCheckNodePort === undefined && old.healthCheckNodePort !== undefined) {
      spec.healthCheckNodePort = old.healthCheckNodePort;
    }
  }
  out.spec = spec;
  return out;
}
