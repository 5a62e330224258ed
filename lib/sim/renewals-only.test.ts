import { describe, expect, it } from "vitest";
import { buildClusterPicture } from "@/lib/workspace/picture/build-picture";
import { createClusterSandbox } from "./cluster/default-cluster";
import { clusterEngineOptions } from "./cluster/loops";
import { powerMachine } from "./cluster/world";
import { fixedClock } from "./clock";
import { ADMIN_USER, advanceTime, handle } from "./engine";
import { currentLeader } from "./leader-election/leader-election";
import { deploymentManifest } from "./scenarios/fixtures";
import { onlyLeaderRenewalsDue } from "./renewals-only";
import type { SandboxState } from "./state";

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const engine = clusterEngineOptions();
const loops = engine.loops ?? [];
const LEADER_LEASES = new Set([
  "/registry/leases/kube-system/kube-scheduler",
  "/registry/leases/kube-system/kube-controller-manager",
]);

const shown = (s: SandboxState) => {
  const { revision: _r, time: _t, ...rest } = buildClusterPicture(s);
  return JSON.stringify(rest);
};

function createDeployment(
  state: SandboxState,
  now: number,
  name: string,
  image: string,
  replicas: number,
): SandboxState {
  const r = handle(
    { ...state, time: now },
    {
      method: "POST",
      path: "/apis/apps/v1/namespaces/default/deployments",
      user: ADMIN_USER,
      body: deploymentManifest(name, replicas, image),
    },
    fixedClock(now),
    engine,
  );
  expect(r.response.code).toBe(201);
  return r.state;
}

describe("onlyLeaderRenewalsDue", () => {
  it("is true only where a catch-up would renew nothing but the leaders' Leases", () => {
    let { state } = createClusterSandbox({ seed: "renewals", now: T0 });
    let t = T0;
    // The page's poll: 3 s after the last answer (and 1 s in bursts), skipping the catch-up
    // when the check says so - as quiet-view.ts does - else catching up.
    const steps = [...Array<number>(30).fill(3_000), ...Array<number>(10).fill(1_100)];
    const tally = { skipped: 0, ran: 0, ranAndShowedChange: 0 };
    const poll = (step: number) => {
      t += step;
      const skip = onlyLeaderRenewalsDue(state, t, loops);
      const r = advanceTime(state, t, engine);
      if (skip) {
        // What the skipped catch-up would have written: the leaders' renewals alone, and
        // the same picture.
        expect(r.changes.removed).toEqual([]);
        for (const row of r.changes.appended) expect(LEADER_LEASES.has(row.key)).toBe(true);
        expect(shown(r.state)).toBe(shown(state));
        tally.skipped++;
        return;
      }
      if (shown(r.state) !== shown(state)) tally.ranAndShowedChange++;

      tally.ran++;
      state = r.state;
    };
    for (const step of steps) poll(step);
    // Pods that start (image pulls) and one that crashes and restarts with back-off, then a
    // stopped leader: the check must let those through.
    state = createDeployment(state, (t += 500), "web", "nginx:1.25", 3);
    state = createDeployment(state, (t += 500), "bad", "example/crash:1", 1);
    for (const step of steps) poll(step);
    // The control-plane machine stops: its components' Leases are left to expire.
    const leaderNode = currentLeader(state, "kube-scheduler", t)!.node;
    state = powerMachine(state, leaderNode, false);
    for (const step of steps) poll(step);
    expect(currentLeader(state, "kube-scheduler", t)).toBeUndefined();

    expect(tally.skipped).toBeGreaterThan(20);
    // The web pods turned Running, the crashing one CrashLoopBackOff.
    expect(tally.ranAndShowedChange).toBeGreaterThanOrEqual(2);
  });

  it("is false while a leader's Lease has expired or its holder is stopped", () => {
    const { state } = createClusterSandbox({ seed: "expired", now: T0 });
    const settled = advanceTime(state, T0 + 3_000, engine).state;
    const poll = T0 + 6_000;
    expect(onlyLeaderRenewalsDue(settled, poll, loops)).toBe(true);
    // 15 s without a renewal: the Lease is free for another instance.
    expect(onlyLeaderRenewalsDue(settled, T0 + 3_000 + 15_000, loops)).toBe(false);
    const holder = currentLeader(settled, "kube-controller-manager", poll)!.node;
    expect(onlyLeaderRenewalsDue(powerMachine(settled, holder, false), poll, loops)).toBe(false);
  });
});
