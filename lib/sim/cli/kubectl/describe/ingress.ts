// describe ingress (networking.k8s.io/v1), as kubectl 1.28's IngressDescriber prints it.

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import type { DescribeContext } from "./context";
import { formatEndpoints } from "./network";
import { annotationsMultiline, describeEvents, labelsMultiline, PrefixWriter } from "./writer";

const backendPort = (port: any): string =>
  port?.name ? String(port.name) : port?.number ? String(port.number) : "";

/** describeBackendV1: `svc:port (endpoints of that port)`, or the lookup error in the parentheses. */
async function describeBackend(ns: string, backend: any, d: DescribeContext): Promise<string> {
  const svcRef = backend?.service;
  if (!svcRef) {
    const r = backend?.resource ?? {};
    return `APIGroup: ${r.apiGroup ?? "<nil>"}, Kind: ${r.kind ?? ""}, Name: ${r.name ?? ""}`;
  }
  const name = String(svcRef.name ?? "");
  const shown = `${name}:${backendPort(svcRef.port)}`;
  const endpoints = await d.get(`/api/v1/namespaces/${ns}/endpoints/${name}`);
  if (!endpoints) return `${shown} (<error: endpoints "${name}" not found>)`;
  const service = await d.get(`/api/v1/namespaces/${ns}/services/${name}`);
  if (!service) return `${shown} (<error: services "${name}" not found>)`;
  let portName = "";
  for (const sp of service.spec?.ports ?? []) {
    const number = svcRef.port?.number ?? 0;
    if (number !== 0 && number === sp.port) portName = sp.name ?? "";
    else if (svcRef.port?.name && svcRef.port.name === sp.name) portName = sp.name ?? "";
  }
  return `${shown} (${formatEndpoints(endpoints, portName)})`;
}

/** ingressLoadBalancerStatusStringerV1(…, wide=true): every IP and hostname. */
const loadBalancerAddress = (ing: any): string =>
  (ing.status?.loadBalancer?.ingress ?? [])
    .map((i: any) => i.ip || i.hostname || "")
    .filter(Boolean)
    .join(",");

export async function describeIngress(ing: any, d: DescribeContext): Promise<string> {
  const ns: string = ing.metadata.namespace;
  const spec = ing.spec ?? {};
  const events = await d.events(ing);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ing.metadata.name}\n`);
  labelsMultiline(w, "Labels", ing.metadata.labels);
  w.write(0, `Namespace:\t${ns}\n`);
  w.write(0, `Address:\t${loadBalancerAddress(ing)}\n`);
  w.write(0, `Ingress Class:\t${spec.ingressClassName ?? "<none>"}\n`);
  const defaultBackend = spec.defaultBackend
    ? await describeBackend(ns, spec.defaultBackend, d)
    : "<default>";
  w.write(0, `Default backend:\t${defaultBackend}\n`);
  const tls: any[] = spec.tls ?? [];
  if (tls.length) {
    w.write(0, "TLS:\n");
    for (const t of tls) {
      const hosts = (t.hosts ?? []).join(",");
      if (!t.secretName) w.write(1, `SNI routes ${hosts}\n`);
      else w.write(1, `${t.secretName} terminates ${hosts}\n`);
    }
  }
  w.write(0, "Rules:\n  Host\tPath\tBackends\n");
  w.write(1, "----\t----\t--------\n");
  let count = 0;
  for (const rule of spec.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.write(1, `${rule.host || "*"}\t\n`);
    for (const path of rule.http.paths ?? [])
      w.write(2, `\t${path.path ?? ""} \t${await describeBackend(ns, path.backend, d)}\n`);
  }
  if (count === 0) w.write(1, `*\t*\t${defaultBackend}\n`);
  annotationsMultiline(w, "Annotations", ing.metadata.annotations);
  describeEvents(w, events, d.now);
  return w.toString();
}
