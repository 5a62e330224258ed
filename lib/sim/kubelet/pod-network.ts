// Pod IPs as host-local IPAM hands them out: the lowest free address of the node's
// podCIDR from .2 (.1 is the bridge), the node's own IP for hostNetwork pods.

import type { KubeObject } from "../apiserver/object";
import { asArray, asObj, asString } from "../controllers/shared/fields";

function ipToInt(ip: string): number {
  return ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
}
function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

export function nodeInternalIP(node: KubeObject): string {
  const addr = asArray(asObj(node.status).addresses).find((a) => a.type === "InternalIP");
  return asString(addr?.address);
}

/**
 * host-local hands out addresses round-robin, so a new pod rarely gets the IP a
 * deleted one just freed; a hash of the pod uid picks where the search starts.
 */
export function allocatePodIP(
  node: KubeObject,
  /** Whether a pod on the node holds the address already. */
  used: (ip: string) => boolean,
  uid = "",
): string {
  const cidr = asString(asObj(node.spec).podCIDR);
  if (!cidr.includes("/")) return "";
  const [base, bitsText] = cidr.split("/");
  const bits = Number(bitsText);
  const size = 2 ** (32 - bits);
  const start = ipToInt(base!);
  const usable = size - 3; // network, bridge (.1) and broadcast are never handed out
  let h = 0;
  for (let i = 0; i < uid.length; i++) h = (h * 31 + uid.charCodeAt(i)) >>> 0;
  const first = usable > 0 ? h % usable : 0;
  for (let k = 0; k < usable; k++) {
    const ip = intToIp(start + 2 + ((first + k) % usable));
    if (!used(ip)) return ip;
  }
  return "";
}
