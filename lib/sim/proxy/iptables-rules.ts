// kube-proxy in iptables mode: the nat-table rules it programs on every node for
// each Service port, from the Services and their EndpointSlices - KUBE-SERVICES →
// KUBE-SVC-<hash> (one random-probability jump per ready endpoint) → KUBE-SEP-<hash>
// (DNAT to the pod), plus KUBE-NODEPORTS for NodePort Services. Chain names are
// kube-proxy's: the first 16 base32 characters of a SHA-256 of the port name and
// protocol (and endpoint).

import { createHash } from "node:crypto";
import type { KubeObject } from "../apiserver/object";
import { listObjects } from "../controllers/shared/cache";
import { asArray, asNumber, asObj, asString, type Obj } from "../controllers/shared/fields";
import type { SandboxState } from "../state";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function hash16(text: string): string {
  return base32(createHash("sha256").update(text).digest()).slice(0, 16);
}

export const svcChain = (portName: string, protocol: string) =>
  `KUBE-SVC-${hash16(portName + protocol.toLowerCase())}`;
export const sepChain = (portName: string, protocol: string, endpoint: string) =>
  `KUBE-SEP-${hash16(portName + protocol.toLowerCase() + endpoint)}`;

export interface ServicePortRules {
  /** "namespace/name:port" (just "namespace/name" for an unnamed port), as kube-proxy names it. */
  servicePort: string;
  clusterIP: string;
  port: number;
  nodePort?: number;
  protocol: string;
  chain: string;
  endpoints: { address: string; chain: string; probability?: number }[];
}

function readyEndpoints(
  state: SandboxState,
  svc: KubeObject,
  portName: string,
): { ip: string; port: number }[] {
  const out: { ip: string; port: number }[] = [];
  const slices = listObjects(
    state,
    "discovery.k8s.io",
    "endpointslices",
    svc.metadata.namespace,
  ).filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === svc.metadata.name);
  for (const slice of slices) {
    const port = asArray(slice.ports).find((p) => asString(p.name) === portName);
    if (!port || port.port === null) continue;
    for (const ep of asArray(slice.endpoints)) {
      if (asObj(ep.conditions).ready === false) continue;
      for (const ip of asArray(ep.addresses))
        out.push({ ip: String(ip), port: asNumber(port.port) });
    }
  }
  if (slices.length === 0) {
    // Services without a selector (default/kubernetes): the Endpoints object the apiserver keeps
    const ep = listObjects(state, "", "endpoints", svc.metadata.namespace).find(
      (e) => e.metadata.name === svc.metadata.name,
    );
    for (const subset of asArray(ep?.subsets)) {
      const port = asArray(subset.ports).find((p) => asString(p.name) === portName);
      if (!port) continue;
      for (const a of asArray(subset.addresses))
        out.push({ ip: asString(a.ip), port: asNumber(port.port) });
    }
  }
  return out.sort((a, b) => `${a.ip}:${a.port}`.localeCompare(`${b.ip}:${b.port}`));
}

export function serviceRules(state: SandboxState): ServicePortRules[] {
  const rules: ServicePortRules[] = [];
  for (const svc of listObjects(state, "", "services")) {
    const spec = asObj(svc.spec);
    const clusterIP = asString(spec.clusterIP);
    if (!clusterIP || clusterIP === "None" || spec.type === "ExternalName") continue;
    for (const p of asArray(spec.ports) as Obj[]) {
      const name = asString(p.name);
      const servicePort = `${svc.metadata.namespace}/${svc.metadata.name}${name ? `:${name}` : ""}`;
      const protocol = asString(p.protocol, "TCP");
      const eps = readyEndpoints(state, svc, name);
      rules.push({
        servicePort,
        clusterIP,
        port: asNumber(p.port),
        ...(typeof p.nodePort === "number" ? { nodePort: p.nodePort } : {}),
        protocol,
        chain: svcChain(servicePort, protocol),
        endpoints: eps.map((e, i) => {
          const address = `${e.ip}:${e.port}`;
          const left = eps.length - i;
          return {
            address,
            chain: sepChain(servicePort, protocol, address),
            ...(left > 1 ? { probability: 1 / left } : {}),
          };
        }),
      });
    }
  }
  return rules;
}

/** The nat table as `iptables-save -t nat` prints the kube-proxy part of it. */
export function iptablesSave(state: SandboxState): string {
  const rules = serviceRules(state);
  const lines: string[] = ["*nat", ":KUBE-SERVICES - [0:0]", ":KUBE-NODEPORTS - [0:0]"];
  for (const r of rules) {
    lines.push(`:${r.chain} - [0:0]`);
    for (const e of r.endpoints) lines.push(`:${e.chain} - [0:0]`);
  }
  for (const r of rules) {
    const proto = r.protocol.toLowerCase();
    if (r.endpoints.length === 0) continue;
    lines.push(
      `-A KUBE-SERVICES -d ${r.clusterIP}/32 -p ${proto} -m comment --comment "${r.servicePort} cluster IP" -m ${proto} --dport ${r.port} -j ${r.chain}`,
    );
    if (r.nodePort)
      lines.push(
        `-A KUBE-NODEPORTS -p ${proto} -m comment --comment ${r.servicePort} -m ${proto} --dport ${r.nodePort} -j ${r.chain}`,
      );
    for (const e of r.endpoints) {
      const stat =
        e.probability !== undefined
          ? ` -m statistic --mode random --probability ${e.probability.toFixed(11)}`
          : "";
      lines.push(
        `-A ${r.chain} -m comment --comment "${r.servicePort} -> ${e.address}"${stat} -j ${e.chain}`,
      );
    }
    for (const e of r.endpoints) {
      const ip = e.address.split(":")[0];
      lines.push(
        `-A ${e.chain} -s ${ip}/32 -m comment --comment ${r.servicePort} -j KUBE-MARK-MASQ`,
      );
      lines.push(
        `-A ${e.chain} -p ${proto} -m comment --comment ${r.servicePort} -m ${proto} -j DNAT --to-destination ${e.address}`,
      );
    }
  }
  lines.push(
    '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    "COMMIT",
  );
  return lines.join("\n") + "\n";
}
