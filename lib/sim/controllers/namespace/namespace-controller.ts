// The namespace controller: a Terminating namespace has every namespaced object in
// it deleted, then its "kubernetes" finalizer removed, and disappears. While
// content remains it carries the NamespaceDeletionContentFailure-style conditions
// of 1.28 (NamespaceContentRemaining).

import { builtinRegistry } from "../../apiserver/resources/registry";
import type { ControlLoop } from "../../engine";
import { getObject, listObjects, watchPrefix } from "../shared/cache";
import type { ActiveCheck, ControllerContext } from "../shared/controller";
import { controllerLoop, splitKey } from "../shared/controller";
import { asObj } from "../shared/fields";

function syncNamespace(ctx: ControllerContext, key: string): void {
  const [, name] = splitKey(key);
  const ns = getObject(ctx.state(), "", "namespaces", undefined, name);
  if (!ns?.metadata.deletionTimestamp) return;
  // Emptying a namespace reads every kind in it: while one terminates, run on every round.
  ctx.wakeAt(ctx.now);
  let remaining = 0;
  for (const info of builtinRegistry.all()) {
    if (!info.namespaced || !info.etcdPrefix || !info.verbs.includes("delete")) continue;
    if (info.group === "events.k8s.io") continue; // same storage as core events
    for (const obj of listObjects(ctx.state(), info.group, info.resource, name)) {
      remaining++;
      if (obj.metadata.deletionTimestamp) continue;
      ctx.client.delete(info.group, info.resource, name, obj.metadata.name ?? "", {
        propagationPolicy: "Background",
      });
    }
  }
  if (remaining > 0) return;
  const spec = asObj(ns.spec);
  if (((spec.finalizers as string[] | undefined) ?? []).length > 0) {
    ctx.client.raw({
      method: "PUT",
      path: `/api/v1/namespaces/${name}/finalize`,
      body: { ...ns, spec: { ...spec, finalizers: [] } },
    });
  }
  const after = getObject(ctx.state(), "", "namespaces", undefined, name);
  if (after && ((asObj(after.spec).finalizers as string[] | undefined) ?? []).length === 0) {
    ctx.client.delete("", "namespaces", undefined, name);
  }
}

export function namespaceController(active?: ActiveCheck): ControlLoop {
  return controllerLoop(
    {
      name: "namespace-controller",
      serviceAccount: "namespace-controller",
      // Only terminating namespaces give it work (and keep it awake while they last).
      watches: [watchPrefix("", "namespaces")],
      keys: (ctx) =>
        listObjects(ctx.state(), "", "namespaces")
          .filter((n) => n.metadata.deletionTimestamp)
          .map((n) => n.metadata.name ?? ""),
      reconcile: syncNamespace,
    },
    active,
  );
}
