// The Endpoints controller: for each Service with a selector, an Endpoints object of
// the same name listing ready pod IPs in addresses and the others in
// notReadyAddresses, grouped by resolved port set (what `kubectl get ep` prints).

import type { KubeObject } from "../../apiserver/object";
import type { ControlLoop } from "../../engine";
import { getObject, keyOf, listObjects, watchPrefix } from "../shared/cache";
import type { ActiveCheck, ControllerContext } from "../shared/controller";
import { controllerLoop, splitKey } from "../shared/controller";
import { asArray, asObj, jsonEqual, type Obj } from "../shared/fields";
import { resolvePort, selectedPods, targetRef } from "./service-pods";

export function endpointSubsets(
  svc: KubeObject,
  eps: NonNullable<ReturnType<typeof selectedPods>>,
): Obj[] {
  const groups = new Map<string, { ports: Obj[]; addresses: Obj[]; notReady: Obj[] }>();
  const ports = asArray(asObj(svc.spec).ports);
  for (const ep of eps) {
    if (ep.terminating) continue;
    const resolved = ports
      .map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        port: resolvePort(p, ep.pod),
        protocol: p.protocol ?? "TCP",
      }))
      .filter((p) => p.port !== undefined);
    const key = JSON.stringify(resolved);
    const g = groups.get(key) ?? { ports: resolved, addresses: [], notReady: [] };
    const address = {
      ip: ep.ip,
      ...(ep.nodeName ? { nodeName: ep.nodeName } : {}),
      targetRef: targetRef(ep.pod),
    };
    (ep.ready ? g.addresses : g.notReady).push(address);
    groups.set(key, g);
  }
  const byIp = (a: Obj, b: Obj) => String(a.ip).localeCompare(String(b.ip));
  return [...groups.values()].map((g) => ({
    ...(g.addresses.length ? { addresses: g.addresses.sort(byIp) } : {}),
    ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byIp) } : {}),
    ...(g.ports.length ? { ports: g.ports } : {}),
  }));
}

function syncService(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const svc = getObject(ctx.state(), "", "services", ns, name);
  const current = getObject(ctx.state(), "", "endpoints", ns, name);
  if (!svc) {
    if (current) ctx.client.delete("", "endpoints", ns, name);
    return;
  }
  const eps = selectedPods(ctx.state(), svc);
  if (!eps) return; // no selector: endpoints are managed by hand
  const subsets = endpointSubsets(svc, eps);
  const labels = {
    ...(svc.metadata.labels ?? {}),
    "endpoints.kubernetes.io/managed-by": "endpoint-controller",
  };
  if (!current) {
    ctx.client.create("", "endpoints", {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name, namespace: ns, labels },
      ...(subsets.length ? { subsets } : {}),
    });
    return;
  }
  const want = { ...current, metadata: { ...current.metadata, labels } } as KubeObject;
  if (subsets.length) want.subsets = subsets;
  else delete want.subsets;
  if (jsonEqual(want, current)) return;
  ctx.client.update("", "endpoints", want);
}

export function endpointsController(active?: ActiveCheck): ControlLoop {
  return controllerLoop(
    {
      name: "endpoints-controller",
      serviceAccount: "endpoint-controller",
      watches: [watchPrefix("", "services"), watchPrefix("", "endpoints"), watchPrefix("", "pods")],
      keys: (ctx) => [
        ...listObjects(ctx.state(), "", "services").map(keyOf),
        ...listObjects(ctx.state(), "", "endpoints")
          .filter(
            (e) =>
              e.metadata.labels?.["endpoints.kubernetes.io/managed-by"] === "endpoint-controller",
          )
          .map(keyOf),
      ],
      reconcile: syncService,
      // A Service's sync reads it, its Endpoints and its namespace's pods.
      inputs: (ctx, key) => {
        const [ns, name] = splitKey(key);
        const state = ctx.state();
        const svc = getObject(state, "", "services", ns, name);
        return (
          svc && [
            svc,
            getObject(state, "", "endpoints", ns, name),
            listObjects(state, "", "pods", ns),
          ]
        );
      },
    },
    active,
  );
}
