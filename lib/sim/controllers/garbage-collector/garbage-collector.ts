// The garbage collector (pkg/controller/garbagecollector): dependents whose owners
// are all gone are deleted (background propagation); an owner being deleted with
// the foregroundDeletion finalizer loses it once its blocking dependents are gone
// (they are deleted first); with the orphan finalizer its dependents lose their
// ownerReference instead.

import type { KubeObject, OwnerReference } from "../../apiserver/object";
import { builtinRegistry } from "../../apiserver/resources/registry";
import type { ControlLoop } from "../../engine";
import { getObject, listObjects, resourceInfo, WATCH_EVERYTHING } from "../shared/cache";
import type { ActiveCheck, ControllerContext } from "../shared/controller";
import { controllerLoop } from "../shared/controller";

/** The kinds whose objects the collector watches for ownerReferences. */
const DEPENDENT_RESOURCES: [string, string][] = [
  ["", "pods"],
  ["apps", "replicasets"],
  ["apps", "controllerrevisions"],
  ["batch", "jobs"],
  ["discovery.k8s.io", "endpointslices"],
  ["coordination.k8s.io", "leases"],
  ["", "configmaps"],
  ["", "secrets"],
  ["", "services"],
  ["apps", "deployments"],
];

/**
 * The dependent kinds this API server serves (it serves no controllerrevisions yet), found once:
 * the collector's informers come from discovery. Asking for an unserved kind on every run threw
 * and caught an Error twice per run - a third of a small write's garbage collection.
 */
let served: readonly [string, string][] | undefined;

function servedDependentResources(): readonly [string, string][] {
  served ??= DEPENDENT_RESOURCES.filter(([group, resource]) => {
    try {
      resourceInfo(group, resource);
      return true;
    } catch {
      return false;
    }
  });
  return served;
}

function ownerObject(ctx: ControllerContext, ref: OwnerReference, namespace: string | undefined) {
  const info = builtinRegistry.byApiVersionKind(ref.apiVersion, ref.kind);
  if (!info?.etcdPrefix) return undefined;
  return getObject(
    ctx.state(),
    info.group,
    info.resource,
    info.namespaced ? namespace : undefined,
    ref.name,
  );
}

/** Per apiVersion and kind: the collector asks for every object with owners on every run. */
const resources = new Map<string, [string, string] | undefined>();

function resourceOf(obj: KubeObject): [string, string] | undefined {
  const key = `${obj.apiVersion} ${obj.kind}`;
  if (resources.has(key)) return resources.get(key);
  const info = builtinRegistry.byApiVersionKind(obj.apiVersion, obj.kind);
  const found: [string, string] | undefined = info ? [info.group, info.resource] : undefined;
  resources.set(key, found);
  return found;
}

function collect(ctx: ControllerContext): void {
  const dependents: KubeObject[] = [];
  for (const [group, resource] of servedDependentResources()) {
    for (const obj of listObjects(ctx.state(), group, resource)) dependents.push(obj);
  }
  for (const dep of dependents) {
    const refs = dep.metadata.ownerReferences ?? [];
    if (refs.length === 0) continue;
    const owners = refs.map((r) => ({ ref: r, obj: ownerObject(ctx, r, dep.metadata.namespace) }));
    const alive = owners.filter((o) => o.obj && o.obj.metadata.uid === o.ref.uid);
    const [group, resource] = resourceOf(dep) ?? ["", ""];
    if (!resource) continue;
    // Orphan: the owner asked its dependents to be let go.
    const orphaning = alive.filter(
      (o) =>
        o.obj!.metadata.deletionTimestamp && (o.obj!.metadata.finalizers ?? []).includes("orphan"),
    );
    if (orphaning.length > 0) {
      const uids = new Set(orphaning.map((o) => o.ref.uid));
      const rest = refs.filter((r) => !uids.has(r.uid));
      ctx.client.update(group, resource, {
        ...dep,
        metadata: { ...dep.metadata, ownerReferences: rest },
      });
      continue;
    }
    if (dep.metadata.deletionTimestamp) continue;
    const foreground = alive.some(
      (o) =>
        o.obj!.metadata.deletionTimestamp &&
        (o.obj!.metadata.finalizers ?? []).includes("foregroundDeletion"),
    );
    if (alive.length === 0 || foreground) {
      ctx.client.delete(group, resource, dep.metadata.namespace, dep.metadata.name ?? "", {
        propagationPolicy: foreground ? "Foreground" : "Background",
        preconditions: { uid: dep.metadata.uid },
      });
    }
  }
  // Owners waiting on their dependents: drop the finalizer once nothing refers to them.
  const all = dependents;
  const owners: KubeObject[] = [];
  for (const [group, resource] of servedDependentResources()) {
    for (const o of listObjects(ctx.state(), group, resource)) {
      if (o.metadata.deletionTimestamp) owners.push(o);
    }
  }
  for (const [group, resource] of [
    ["apps", "daemonsets"],
    ["apps", "deployments"],
    ["batch", "jobs"],
  ] as const) {
    owners.push(
      ...listObjects(ctx.state(), group, resource).filter((o) => o.metadata.deletionTimestamp),
    );
  }
  const current = () =>
    all
      .map((d) =>
        getObject(
          ctx.state(),
          ...(resourceOf(d) ?? ["", "pods"]),
          d.metadata.namespace,
          d.metadata.name ?? "",
        ),
      )
      .filter(Boolean) as KubeObject[];
  for (const owner of owners) {
    const fins = owner.metadata.finalizers ?? [];
    const waiting: string[] = fins.filter((f) => f === "foregroundDeletion" || f === "orphan");
    if (waiting.length === 0) continue;
    const stillOwned = current().some((d) =>
      (d.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid),
    );
    if (stillOwned) continue;
    const [group, resource] = resourceOf(owner) ?? ["", ""];
    const fresh = getObject(
      ctx.state(),
      group,
      resource,
      owner.metadata.namespace,
      owner.metadata.name ?? "",
    );
    if (!fresh) continue;
    ctx.client.update(group, resource, {
      ...fresh,
      metadata: { ...fresh.metadata, finalizers: fins.filter((f) => !waiting.includes(f)) },
    });
  }
}

/**
 * Each stored object's ownershipOf, kept with the (read-only, shared) decoded object: the quiet
 * check compares a row with the row it replaced, so every decoded object is asked twice.
 */
const ownershipMemo = new WeakMap<KubeObject, string>();

function ownershipOf(obj: KubeObject): string {
  let part = ownershipMemo.get(obj);
  if (part === undefined) {
    part = computeOwnership(obj);
    ownershipMemo.set(obj, part);
  }
  return part;
}

/** The metadata the collector decides on: ownerReferences, deletionTimestamp, finalizers. */
function computeOwnership(obj: KubeObject): string {
  const metadata = obj.metadata ?? {};
  // Most writes (Lease renewals, status updates) are of objects nobody owns and nothing holds.
  if (
    !metadata.ownerReferences &&
    metadata.deletionTimestamp === undefined &&
    !metadata.finalizers &&
    typeof metadata.uid === "string"
  ) {
    return `#${metadata.uid}`;
  }
  return JSON.stringify([
    metadata.uid,
    metadata.ownerReferences,
    metadata.deletionTimestamp,
    metadata.finalizers,
  ]);
}

export function garbageCollector(active?: ActiveCheck): ControlLoop {
  return controllerLoop(
    {
      name: "garbage-collector",
      serviceAccount: "generic-garbage-collector",
      // Owners may be of any kind; of an object it reads only who owns it and whether it is
      // going (a Lease renewal or a pod's status update is no news to it).
      watches: WATCH_EVERYTHING,
      watchedPart: ownershipOf,
      // A new object without owners or finalizers (an Event, a binding's target...) is no news:
      // its uid is fresh, so nothing already stored names it as an owner.
      createdIsNews: (obj) =>
        (obj.metadata?.ownerReferences?.length ?? 0) > 0 ||
        (obj.metadata?.finalizers?.length ?? 0) > 0 ||
        obj.metadata?.deletionTimestamp !== undefined,
      keys: () => ["all"],
      reconcile: (ctx) => collect(ctx),
    },
    active,
  );
}
