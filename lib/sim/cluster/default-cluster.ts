// A sandbox holding a kubeadm-built cluster: the topology (machines, static pods,
// add-ons) from lib/sim/topology written as the API server's initial objects, the
// world (machines powered on, their static pod manifests), then the control loops
// run until every kube-system pod is Running and every node Ready.

import type { KubeObject } from "../apiserver/object";
import { createSandbox, defaultBootstrap, type EngineOptions } from "../engine";
import { advanceTime } from "../engine";
import type { InitConfiguration } from "../kubeadm/types";
import type { SandboxState } from "../state";
import type { StoreChanges } from "../store/writer";
import { mergeChanges } from "../changes";
import { StoreWriter } from "../store/writer";
import { buildTopology, imageSizeBytes, mirrorPod, type ClusterTopology } from "../topology";
import { normalizeImage } from "../kubelet/images";
import { clusterEngineOptions } from "./loops";
import { componentRbacObjects } from "../apiserver/bootstrap/component-roles";
import type { WorldState } from "./world";
import { clusterFromTemplate } from "./cluster-template";
import { logRows } from "../store/types";

export interface ClusterSandboxOptions {
  seed: string;
  /** Virtual time of creation; `kubeadm init` ran `bootedMsAgo` before it. */
  now: number;
  /** A validated InitConfiguration; default: the lab's master1 + worker1, worker2. */
  config?: InitConfiguration;
  controlPlanes?: number;
  workers?: number;
  bootedMsAgo?: number;
  /** Custom control loops: the cluster is built with them (never from the shared template). */
  engine?: EngineOptions;
  /**
   * false: run kubeadm's bootstrap and the settle for this sandbox instead of copying
   * the process's template (same seed → the seed's own uids and pod names).
   */
  template?: boolean;
}

export interface ClusterSandbox {
  state: SandboxState;
  changes: StoreChanges;
  adminToken: string;
  topology: ClusterTopology;
}

const identity = (o: KubeObject) =>
  `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name ?? ""}`;

/** Images kubeadm's preflight pulled on the control planes and the add-on images every node has. */
function preloadedImages(topology: ClusterTopology, node: string): string[] {
  const images = new Set<string>();
  const add = (spec: unknown) => {
    for (const c of (spec as { containers?: { image?: string }[] })?.containers ?? [])
      if (c.image) images.add(normalizeImage(c.image));
  };
  for (const p of topology.staticPods[node] ?? []) add(p.spec);
  for (const o of topology.objects) {
    if (o.kind === "Deployment" || o.kind === "DaemonSet") {
      add((o.spec as { template?: { spec?: unknown } }).template?.spec);
    }
  }
  images.add("registry.k8s.io/pause:3.9");
  return [...images].sort();
}

function withImages(node: KubeObject, images: string[]): KubeObject {
  const status = (node.status ?? {}) as Record<string, unknown>;
  return {
    ...node,
    status: {
      ...status,
      images: images.map((name) => ({ names: [name], sizeBytes: imageSizeBytes(name) })),
    },
  };
}

let componentRbacCache: readonly KubeObject[] | undefined;
/** The same for every cluster: built once per process. */
function componentRbac(): readonly KubeObject[] {
  componentRbacCache ??= componentRbacObjects();
  return componentRbacCache;
}

/**
 * The lab's cluster for a new sandbox. The default topology (no kubeadm config, the
 * standard control loops) is copied from a per-process template moved to `now`
 * (truncated to the second) - see cluster-template.ts; anything else is built.
 */
export function createClusterSandbox(opts: ClusterSandboxOptions): ClusterSandbox {
  if (opts.config || opts.engine || opts.template === false) return buildClusterSandbox(opts);
  const controlPlanes = opts.controlPlanes ?? 1;
  const workers = opts.workers ?? 2;
  const bootedMsAgo = opts.bootedMsAgo ?? 60_000;
  const t = clusterFromTemplate(
    { seed: opts.seed, now: opts.now, controlPlanes, workers, bootedMsAgo },
    (seed, now) =>
      buildClusterSandbox({ seed, now, controlPlanes, workers, bootedMsAgo, template: false }),
  );
  let topology: ClusterTopology | undefined;
  return {
    state: t.state,
    // A fresh sandbox is stored as its live rows (the template's history is compacted).
    changes: {
      state: t.state.store,
      appended: [...logRows(t.state.store.log)],
      removed: [],
      leasesChanged: true,
    },
    adminToken: t.adminToken,
    get topology() {
      topology ??= t.topology();
      return topology;
    },
  };
}

/** Runs kubeadm's bootstrap and the control loops until the cluster is settled. */
export function buildClusterSandbox(opts: ClusterSandboxOptions): ClusterSandbox {
  const bootedAt = opts.now - (opts.bootedMsAgo ?? 60_000);
  const topology = buildTopology({
    ...(opts.config ? { config: opts.config } : {}),
    ...(opts.controlPlanes ? { controlPlanes: opts.controlPlanes } : {}),
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    now: bootedAt,
    seed: opts.seed,
  });
  const firstCp = topology.machines.find((m) => m.role === "control-plane")!;
  const objects = new Map<string, KubeObject>();
  for (const o of defaultBootstrap(firstCp.ip)) objects.set(identity(o), o);
  for (const o of componentRbac()) objects.set(identity(o), o);
  for (const o of topology.objects) {
    const obj =
      o.kind === "Node" ? withImages(o, preloadedImages(topology, o.metadata.name ?? "")) : o;
    objects.set(identity(obj), obj);
  }
  const staticPods: Record<string, KubeObject[]> = {};
  for (const [node, manifests] of Object.entries(topology.staticPods)) {
    staticPods[node] = manifests.map((m) => mirrorPod(m, node, bootedAt));
  }
  const world: WorldState = {
    machines: Object.fromEntries(
      topology.machines.map((m) => [m.name, { running: true, role: m.role, ip: m.ip }]),
    ),
    staticPods,
    // A cluster from a config is rebuilt from this record by the terminal's host view
    // (files in /etc/kubernetes, tokens, certificates); the default needs none.
    ...(opts.config
      ? {
          kubeadm: {
            config: opts.config,
            controlPlanes: opts.controlPlanes ?? 1,
            workers: opts.workers ?? 2,
          },
        }
      : {}),
  };
  const created = createSandbox({
    seed: opts.seed,
    now: bootedAt,
    etcdMembers: topology.etcd.members.map((m) => ({ name: m.name, address: m.address })),
    bootstrap: [...objects.values()],
  });
  const engine = opts.engine ?? clusterEngineOptions();
  const boot = advanceTime({ ...created.state, world }, bootedAt, engine);
  const caughtUp = advanceTime(boot.state, opts.now, engine);
  // kube-apiserver compacts etcd every 5 minutes; a fresh sandbox starts compacted so it
  // stores only its live keys (the boot's intermediate writes are history nobody can watch).
  const writer = new StoreWriter(caughtUp.state.store, opts.now);
  writer.compact(caughtUp.state.store.revision);
  const compacted = writer.commit();
  return {
    state: { ...caughtUp.state, store: compacted.state },
    changes: mergeChanges(
      mergeChanges(mergeChanges(created.changes, boot.changes), caughtUp.changes),
      compacted,
    ),
    adminToken: created.adminToken,
    topology,
  };
}
