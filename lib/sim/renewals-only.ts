// "Letting time pass would only renew the leaders' Leases": a check, without running the
// loops, that a catch-up of `state` to `now` would write nothing but the renewals of
// kube-scheduler's and kube-controller-manager's Leases by their running holders. Those
// renewals change no pod, node, leader or etcd member - nothing the lab page's cluster picture
// or an object's detail shows - so the picture's poll may skip such a catch-up and answer as
// it would after one (lib/workspace/quiet-view.ts). The leaders renew every 2 s, so without
// this check every poll (3 s apart) ran a pass of the loops that found nothing else to do.
//
// Every other loop must be quiet at `now` by the engine's own notes (loop-quiet.ts: it ran on
// this lineage without writing, its wake-up time has not come, nothing it watches changed),
// and the renewals must be no news to it; the etcd lessor must expire nothing. Anything else
// (a note missing or due, a Lease expired or its holder stopped) answers false: the caller
// runs the real catch-up, as before.

import type { KubeObject } from "./apiserver/object";
import { watchPrefix } from "./controllers/shared/cache";
import type { ControlLoop } from "./engine";
import { hasQuorum } from "./etcd/cluster";
import {
  currentLeader,
  leaseOf,
  type ElectedComponent,
  type LeaderElectionLoop,
} from "./leader-election/leader-election";
import { loopMayBeQuiet } from "./loop-quiet";
import type { SandboxState } from "./state";

function electionOf(loop: ControlLoop): ElectedComponent | undefined {
  return (loop as Partial<LeaderElectionLoop>).elects;
}

/** Whether writing `lease` renewed (its renewTime, resourceVersion and field times moved) is news to `loop`. */
function renewalIsNews(loop: ControlLoop, key: string, lease: KubeObject): boolean {
  const watches = loop.watches;
  if (!watches) return true;
  if (!watches.some((prefix) => key.startsWith(prefix))) return false;
  if (!loop.watchedPart) return true;
  const renewed: KubeObject = {
    ...lease,
    metadata: { ...lease.metadata, resourceVersion: "renewed", managedFields: [] },
    spec: { ...(lease.spec as object), renewTime: "renewed" },
  };
  return loop.watchedPart(lease) !== loop.watchedPart(renewed);
}

/**
 * True when a catch-up of `state` to `now` by `loops` would at most renew the elected
 * components' Leases (their holders running, the Leases not expired at `now`). False when
 * unsure.
 */
export function onlyLeaderRenewalsDue(
  state: SandboxState,
  now: number,
  loops: readonly ControlLoop[],
): boolean {
  if (hasQuorum(state.etcd)) {
    for (const lease of state.store.leases.values()) if (lease.expiresAt <= now) return false;
  }
  const renewals: { by: ControlLoop; key: string; lease: KubeObject }[] = [];
  for (const loop of loops) {
    const component = electionOf(loop);
    if (component === undefined) continue;
    // A live holder renews (or has just renewed); anything else - no Lease, an expired one, a
    // stopped holder - is a leader change the picture shows.
    const lease = leaseOf(state, component);
    if (!lease || !currentLeader(state, component, now)) return false;
    const key = `${watchPrefix("coordination.k8s.io", "leases", "kube-system")}${component}`;
    renewals.push({ by: loop, key, lease });
  }
  for (const loop of loops) {
    if (electionOf(loop) !== undefined) continue;
    // As the settle skips it: quiet by its notes, or not allowed to act (a leader-gated loop
    // is as active as after the renewals: the same holders, the Leases valid at `now`).
    if (!loopMayBeQuiet(loop, state, now) && !(loop.active && !loop.active(state, now))) {
      return false;
    }
    for (const r of renewals)
      if (r.by !== loop && renewalIsNews(loop, r.key, r.lease)) return false;
  }
  return true;
}
