// describe service and endpoints (k8s.io/kubectl/pkg/describe).

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import type { DescribeContext } from "./context";
import { formatLabels } from "./workloads";
import { annotationsMultiline, describeEvents, labelsMultiline, PrefixWriter } from "./writer";

const joinHostPort = (ip: string, port: number) =>
  ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;

/** formatEndpoints: at most three addresses, then "+ N more...". */
export function formatEndpoints(ep: any, portName?: string): string {
  if (!ep?.subsets?.length) return "<none>";
  const list: string[] = [];
  let count = 0;
  let more = false;
  const push = (s: string) => {
    if (list.length === 3) more = true;
    if (!more) list.push(s);
    count++;
  };
  for (const ss of ep.subsets) {
    if (!ss.ports?.length) for (const a of ss.addresses ?? []) push(a.ip);
    else
      for (const p of ss.ports)
        if (portName === undefined || (p.name ?? "") === portName)
          for (const a of ss.addresses ?? []) push(joinHostPort(a.ip, p.port));
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - 3} more...` : ret;
}

export async function describeService(svc: any, d: DescribeContext): Promise<string> {
  const ns = svc.metadata.namespace;
  const [ep, events] = await Promise.all([
    d.get(`/api/v1/namespaces/${ns}/endpoints/${svc.metadata.name}`),
    d.events(svc),
  ]);
  const spec = svc.spec ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${ns}\n`);
  labelsMultiline(w, "Labels", svc.metadata.labels);
  annotationsMultiline(w, "Annotations", svc.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ""}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(",") : "<none>"}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ""}\n`);
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(",") : "<none>"}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(",")}\n`);
  if (spec.loadBalancerIP) w.write(0, `IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length)
    w.write(
      0,
      `LoadBalancer Ingress:\t${ingress.map((i: any) => i.ip || i.hostname).join(", ")}\n`,
    );
  for (const sp of spec.ports ?? []) {
    const name = sp.name || "<unset>";
    const proto = sp.protocol ?? "TCP";
    w.write(0, `Port:\t${name}\t${sp.port}/${proto}\n`);
    w.write(0, `TargetPort:\t${sp.targetPort ?? sp.port}/${proto}\n`);
    if (sp.nodePort) w.write(0, `NodePort:\t${name}\t${sp.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${formatEndpoints(ep, sp.name ?? "")}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ""}\n`);
  if (spec.externalTrafficPolicy)
    w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  describeEvents(w, events, d.now);
  return w.toString();
}

export async function describeEndpoints(ep: any, d: DescribeContext): Promise<string> {
  const events = await d.events(ep);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ep.metadata.name}\n`);
  w.write(0, `Namespace:\t${ep.metadata.namespace}\n`);
  labelsMultiline(w, "Labels", ep.metadata.labels);
  annotationsMultiline(w, "Annotations", ep.metadata.annotations);
  w.write(0, "Subsets:\n");
  for (const ss of ep.subsets ?? []) {
    const ready = (ss.addresses ?? []).map((a: any) => a.ip).join(",");
    const notReady = (ss.notReadyAddresses ?? []).map((a: any) => a.ip).join(",");
    w.write(1, `Addresses:\t${ready || "<none>"}\n`);
    w.write(1, `NotReadyAddresses:\t${notReady || "<none>"}\n`);
    if (ss.ports?.length) {
      w.write(1, "Ports:\n");
      w.write(2, "Name\tPort\tProtocol\n");
      w.write(2, "----\t----\t--------\n");
      for (const p of ss.ports)
        w.write(2, `${p.name || "<unset>"}\t${p.port}\t${p.protocol ?? "TCP"}\n`);
    }
    w.write(0, "\n");
  }
  describeEvents(w, events, d.now);
  return w.toString();
}
