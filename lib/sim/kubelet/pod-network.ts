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

export function allocatePodIP(node: KubeObject, podsOnNode: readonly KubeObject[]): string {
  const cidr = asString(asObj(node.spec).podCIDR);
  if (!cidr.includes("/")) return "";
  const [base, bitsText] = cidr.split("/");
  const bits = Number(bitsText);
  const size = 2 ** (32 - bits);
  const start = ipToInt(base!);
  const used = new Set(podsOnNode.map((p) => asString(asObj(p.status).podIP)).filter(Boolean));
  for (let i = 2; i < size - 1; i++) {
    const ip = intToIp(start + i);
    if (!used.has(ip)) return ip;
  }
  return "";
}
