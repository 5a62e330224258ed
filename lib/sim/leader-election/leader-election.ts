// Leader election of kube-scheduler and kube-controller-manager (client-go
// leaderelection with a Lease lock in kube-system): the holder renews every 2 s
// (retryPeriod); when it stops, another instance takes the Lease once it is 15 s
// old (leaseDurationSeconds), and only the holder does any work.
// An instance is alive while its machine runs and its static pod manifest is there;
// its identity is "<node>_<uid>" as kube-scheduler prints it.

import type { UserInfo } from "../apiserver/handler/types";
import type { KubeObject } from "../apiserver/object";
import { formatMicroTime, parseTime } from "../clock";
import { machineRunning } from "../cluster/world";
import { getObject, listObjects, watchPrefix } from "../controllers/shared/cache";
import { Client } from "../controllers/shared/client";
import { recordEvent } from "../controllers/shared/events";
import { asNumber, asObj, asString } from "../controllers/shared/fields";
import type { ControlLoop } from "../engine";
import type { SandboxState } from "../state";

export type ElectedComponent = "kube-scheduler" | "kube-controller-manager";

export const LEASE_DURATION_S = 15;
export const RETRY_PERIOD_MS = 2_000;

const USERS: Record<ElectedComponent, UserInfo> = {
  "kube-scheduler": { username: "system:kube-scheduler", groups: ["system:authenticated"] },
  "kube-controller-manager": {
    username: "system:kube-controller-manager",
    groups: ["system:authenticated"],
  },
};

export interface Candidate {
  node: string;
  identity: string;
}

function nodeOfMirror(pod: KubeObject): string {
  return asString(asObj(pod.spec).nodeName);
}

/** The candidates per kube-system pod list (shared while those pods stay), world and seed. */
interface CandidatesMemo {
  readonly world: SandboxState["world"];
  readonly seed: string;
  readonly byComponent: Map<ElectedComponent, Candidate[]>;
}
const candidatesMemo = new WeakMap<readonly KubeObject[], CandidatesMemo>();

/** Running instances of a component, in node order (shared, read-only). */
export function candidates(state: SandboxState, component: ElectedComponent): Candidate[] {
  const systemPods = listObjects(state, "", "pods", "kube-system");
  let memo = candidatesMemo.get(systemPods);
  // The machines decide which instances run; the seed names an instance without a mirror pod.
  if (!memo || memo.world !== state.world || memo.seed !== state.seed) {
    memo = { world: state.world, seed: state.seed, byComponent: new Map() };
    candidatesMemo.set(systemPods, memo);
  }
  let out = memo.byComponent.get(component);
  if (!out) {
    out = findCandidates(state, systemPods, component);
    memo.byComponent.set(component, out);
  }
  return out;
}

function findCandidates(
  state: SandboxState,
  systemPods: readonly KubeObject[],
  component: ElectedComponent,
): Candidate[] {
  const mirrors = systemPods.filter((p) => (p.metadata.labels ?? {}).component === component);
  const out: Candidate[] = [];
  const nodes = new Set<string>(mirrors.map(nodeOfMirror));
  if (state.world) {
    for (const [node, pods] of Object.entries(state.world.staticPods)) {
      if (pods.some((p) => (p.metadata.labels ?? {}).component === component)) nodes.add(node);
      else nodes.delete(node);
    }
  }
  for (const node of [...nodes].sort()) {
    if (!node || !machineRunning(state, node)) continue;
    const mirror = mirrors.find((p) => nodeOfMirror(p) === node);
    const uid = mirror?.metadata.uid ?? `${state.seed}-${component}-${node}`;
    out.push({ node, identity: `${node}_${uid}` });
  }
  return out;
}

export function leaseOf(state: SandboxState, component: ElectedComponent): KubeObject | undefined {
  return getObject(state, "coordination.k8s.io", "leases", "kube-system", component);
}

/** renewTime + leaseDurationSeconds (-Infinity: never renewed). */
function expiresAt(lease: KubeObject): number {
  const spec = asObj(lease.spec);
  const renewed = parseTime(asString(spec.renewTime));
  const duration = asNumber(spec.leaseDurationSeconds, LEASE_DURATION_S) * 1000;
  return Number.isFinite(renewed) ? renewed + duration : -Infinity;
}

function expired(lease: KubeObject, now: number): boolean {
  return expiresAt(lease) <= now;
}

/** The live holder of the component's Lease, if any: only it may act. */
export function currentLeader(
  state: SandboxState,
  component: ElectedComponent,
  now: number,
): Candidate | undefined {
  const lease = leaseOf(state, component);
  if (!lease || expired(lease, now)) return undefined;
  const holder = asString(asObj(lease.spec).holderIdentity);
  return candidates(state, component).find((c) => c.identity === holder);
}

/**
 * What the last answer per component was computed from. Every controller asks on every
 * settle round it runs, and a settle writes many times; the answer depends only on the
 * Lease, the kube-system pods and the machines (which instances run) and on `now`
 * against the Lease's expiry, so it is recomputed only when one of those changed.
 */
interface LeaderAnswer {
  store: SandboxState["store"];
  lease: KubeObject | undefined;
  systemPods: readonly KubeObject[];
  world: SandboxState["world"];
  seed: string;
  /** The Lease's holder is a running instance. */
  holderRuns: boolean;
  /** renewTime + leaseDurationSeconds; -Infinity without a Lease. */
  expiresAt: number;
}

export function isLeader(component: ElectedComponent) {
  let last: LeaderAnswer | undefined;
  return (state: SandboxState, now: number): boolean => {
    if (
      !last ||
      last.store !== state.store ||
      last.world !== state.world ||
      last.seed !== state.seed
    ) {
      const lease = leaseOf(state, component);
      const systemPods = listObjects(state, "", "pods", "kube-system");
      if (
        !last ||
        last.lease !== lease ||
        last.systemPods !== systemPods ||
        last.world !== state.world ||
        last.seed !== state.seed
      ) {
        const holder = lease && asString(asObj(lease.spec).holderIdentity);
        last = {
          store: state.store,
          lease,
          systemPods,
          world: state.world,
          seed: state.seed,
          holderRuns: !!lease && candidates(state, component).some((c) => c.identity === holder),
          expiresAt: lease ? expiresAt(lease) : -Infinity,
        };
      } else {
        last.store = state.store;
      }
    }
    // As currentLeader: a live holder whose Lease has not expired.
    return last.holderRuns && !(last.expiresAt <= now);
  };
}

/** A leader election's loop, with the component it elects (renewals-only.ts reads it). */
export interface LeaderElectionLoop extends ControlLoop {
  readonly elects: ElectedComponent;
}

export function leaderElectionLoop(component: ElectedComponent): LeaderElectionLoop {
  return {
    name: `${component}-leader-election`,
    elects: component,
    user: USERS[component],
    // Its Lease and the mirror pods that say which instances run (machines: the world).
    watches: [
      `${watchPrefix("coordination.k8s.io", "leases", "kube-system")}${component}`,
      watchPrefix("", "pods", "kube-system"),
    ],
    run(api) {
      const state = api.state();
      const now = api.now;
      const alive = candidates(state, component);
      if (alive.length === 0) return;
      const client = new Client(
        api,
        undefined,
        component === "kube-scheduler" ? "scheduler" : "controller-manager",
      );
      const lease = leaseOf(state, component);
      if (lease) {
        const spec = asObj(lease.spec);
        const holder = alive.find((c) => c.identity === spec.holderIdentity);
        if (holder) {
          const renewed = parseTime(asString(spec.renewTime));
          if (now - renewed < RETRY_PERIOD_MS) {
            api.wakeAt(renewed + RETRY_PERIOD_MS);
            return;
          }
          const renewal = Client.objectOf(
            client.update("coordination.k8s.io", "leases", {
              ...lease,
              spec: { ...spec, renewTime: formatMicroTime(now) },
            }),
          );
          if (renewal) {
            // Run again now it would find the Lease just renewed: due at the next retry.
            api.wakeAt(parseTime(asString(asObj(renewal.spec).renewTime)) + RETRY_PERIOD_MS);
            api.settledByOwnWrites();
          }
          return;
        }
        if (!expired(lease, now)) {
          // Another instance's Lease: try to acquire it once it has expired.
          api.wakeAt(expiresAt(lease));
          return;
        }
        const next = alive[0]!;
        const stamp = formatMicroTime(now);
        const r = client.update("coordination.k8s.io", "leases", {
          ...lease,
          spec: {
            ...spec,
            holderIdentity: next.identity,
            leaseDurationSeconds: LEASE_DURATION_S,
            acquireTime: stamp,
            renewTime: stamp,
            leaseTransitions: asNumber(spec.leaseTransitions) + 1,
          },
        });
        const updated = Client.objectOf(r);
        if (updated) becameLeader(client, updated, next);
        return;
      }
      const first = alive[0]!;
      const stamp = formatMicroTime(now);
      const r = client.create("coordination.k8s.io", "leases", {
        apiVersion: "coordination.k8s.io/v1",
        kind: "Lease",
        metadata: { name: component, namespace: "kube-system" },
        spec: {
          holderIdentity: first.identity,
          leaseDurationSeconds: LEASE_DURATION_S,
          acquireTime: stamp,
          renewTime: stamp,
          leaseTransitions: 0,
        },
      });
      const created = Client.objectOf(r);
      if (created) becameLeader(client, created, first);
    },
  };
}

function becameLeader(client: Client, lease: KubeObject, who: Candidate): void {
  recordEvent(
    client,
    { component: asString(lease.metadata.name) },
    {
      involved: lease,
      type: "Normal",
      reason: "LeaderElection",
      message: `${who.identity} became leader`,
    },
  );
}
