// The EndpointSlice controller: one IPv4 slice per Service (generateName
// "<service>-"), labelled kubernetes.io/service-name and managed-by
// endpointslice-controller.k8s.io, owned by the Service, with each endpoint's
// ready/serving/terminating conditions.

import type { KubeObject } from "../../apiserver/object";
import type { ControlLoop } from "../../engine";
import { getObject, keyOf, listObjects, watchPrefix } from "../shared/cache";
import type { ActiveCheck, ControllerContext } from "../shared/controller";
import { controllerLoop, splitKey } from "../shared/controller";
import { asArray, asObj, jsonEqual } from "../shared/fields";
import { newControllerRef } from "../shared/owners";
import { resolvePort, selectedPods, targetRef } from "../endpoints/service-pods";

export const MANAGED_BY = "endpointslice-controller.k8s.io";
const SERVICE_NAME = "kubernetes.io/service-name";

function slicesOf(ctx: ControllerContext, ns: string, name: string): KubeObject[] {
  return listObjects(ctx.state(), "discovery.k8s.io", "endpointslices", ns).filter(
    (s) =>
      s.metadata.labels?.[SERVICE_NAME] === name &&
      s.metadata.labels?.["endpointslice.kubernetes.io/managed-by"] === MANAGED_BY,
  );
}

function syncService(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const svc = getObject(ctx.state(), "", "services", ns, name);
  const existing = slicesOf(ctx, ns, name);
  const eps = svc ? selectedPods(ctx.state(), svc) : undefined;
  if (!svc || !eps) {
    for (const s of existing)
      ctx.client.delete("discovery.k8s.io", "endpointslices", ns, s.metadata.name ?? "");
    return;
  }
  const servicePorts = asArray(asObj(svc.spec).ports);
  const first = eps[0];
  const ports = servicePorts.map((p) => ({
    name: p.name ?? "",
    port: first ? (resolvePort(p, first.pod) ?? null) : null,
    protocol: p.protocol ?? "TCP",
  }));
  const endpoints = eps
    .sort((a, b) => a.ip.localeCompare(b.ip))
    .map((ep) => ({
      addresses: [ep.ip],
      conditions: {
        ready: ep.ready,
        serving: ep.ready || (ep.terminating && ep.ready),
        terminating: ep.terminating,
      },
      ...(ep.nodeName ? { nodeName: ep.nodeName } : {}),
      targetRef: targetRef(ep.pod),
    }));
  const labels = {
    ...(svc.metadata.labels ?? {}),
    "endpointslice.kubernetes.io/managed-by": MANAGED_BY,
    [SERVICE_NAME]: name,
  };
  const [slice, ...extra] = existing;
  for (const s of extra)
    ctx.client.delete("discovery.k8s.io", "endpointslices", ns, s.metadata.name ?? "");
  if (!slice) {
    ctx.client.create("discovery.k8s.io", "endpointslices", {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: {
        generateName: `${name}-`,
        namespace: ns,
        labels,
        ownerReferences: [newControllerRef(svc)],
      },
      addressType: "IPv4",
      endpoints,
      ports,
    });
    return;
  }
  const want = { ...slice, metadata: { ...slice.metadata, labels }, endpoints, ports };
  if (jsonEqual(want, slice)) return;
  ctx.client.update("discovery.k8s.io", "endpointslices", want);
}

export function endpointSliceController(active?: ActiveCheck): ControlLoop {
  return controllerLoop(
    {
      name: "endpointslice-controller",
      serviceAccount: "endpointslice-controller",
      watches: [
        watchPrefix("", "services"),
        watchPrefix("discovery.k8s.io", "endpointslices"),
        watchPrefix("", "pods"),
      ],
      keys: (ctx) => listObjects(ctx.state(), "", "services").map(keyOf),
      reconcile: syncService,
      // A Service's sync reads it, its namespace's slices and its namespace's pods.
      inputs: (ctx, key) => {
        const [ns, name] = splitKey(key);
        const state = ctx.state();
        const svc = getObject(state, "", "services", ns, name);
        return (
          svc && [
            svc,
            listObjects(state, "discovery.k8s.io", "endpointslices", ns),
            listObjects(state, "", "pods", ns),
          ]
        );
      },
    },
    active,
  );
}
