import { describe, expect, it } from "vitest";
import { fixedClock } from "./clock";
import { createClusterSandbox } from "./cluster/default-cluster";
import { clusterEngineOptions } from "./cluster/loops";
import { ADMIN_USER, advanceTime, createSandbox, handle, type ControlLoop } from "./engine";
import { serializeState } from "./state-codec";

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const namespaces = [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } }];

/** Creates ConfigMap cm-<n> for the first n < upTo missing, one per run (needs several rounds). */
function creator(upTo: number): ControlLoop {
  return {
    name: "creator",
    user: ADMIN_USER,
    run(api) {
      for (let n = 0; n < upTo; n++) {
        // Read from the store (an informer's cache), so finding nothing to do changes nothing.
        if (api.state().store.live.get(`/registry/configmaps/default/cm-${n}`)) continue;
        api.request({
          method: "POST",
          path: "/api/v1/namespaces/default/configmaps",
          body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `cm-${n}` } },
        });
        return;
      }
    },
  };
}

/** Does nothing, counting its runs. */
function watcher(runs: { count: number }): ControlLoop {
  return {
    name: "watcher",
    user: ADMIN_USER,
    run() {
      runs.count++;
    },
  };
}

function settleWith(loops: ControlLoop[]) {
  const { state } = createSandbox({ seed: "idle", now: T0, bootstrap: namespaces });
  return advanceTime(state, T0 + 1000, { loops });
}

describe("settle skips loops that changed nothing on the same state", () => {
  it("does not run an idle loop again while nothing changed after it", () => {
    const runs = { count: 0 };
    // Round 1: creator writes, the watcher runs after it and changes nothing.
    // Round 2: creator finds nothing to do; the state is still the one the watcher
    // saw, so it is skipped (it used to run again).
    settleWith([creator(1), watcher(runs)]);
    expect(runs.count).toBe(1);
  });

  it("runs an idle loop again when a later loop changed the state", () => {
    const runs = { count: 0 };
    // watcher first: each round creator writes after it, so it runs every round.
    const r = settleWith([watcher(runs), creator(3)]);
    // 3 rounds in which creator writes after it, then the round that finds nothing to do
    expect(runs.count).toBe(4);
    expect(r.unsettled).toBeUndefined();
  });

  it("gives byte-identical results to running every loop every round (cluster loops)", () => {
    const { loops = [] } = clusterEngineOptions();
    // A loop that always leaves a fresh (equal) state object behind is never idle,
    // and neither is any loop after it: the settle of before the skipping.
    const neverIdle = loops.map((loop): ControlLoop => ({
      ...loop,
      run(api) {
        loop.run(api);
        api.remember((s) => ({ ...s }));
      },
    }));
    const scenario = (engineLoops: readonly ControlLoop[]) => {
      const opts = { loops: engineLoops, maxRounds: 50 };
      let { state } = createClusterSandbox({ seed: "same", now: T0 });
      const deployment = {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web" },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: "web" } },
          template: {
            metadata: { labels: { app: "web" } },
            spec: { containers: [{ name: "web", image: "nginx:1.25" }] },
          },
        },
      };
      state = handle(
        state,
        {
          method: "POST",
          path: "/apis/apps/v1/namespaces/default/deployments",
          body: deployment,
          user: ADMIN_USER,
        },
        fixedClock(T0 + 500),
        opts,
      ).state;
      for (const ms of [1_000, 3_000, 12_000, 45_000]) {
        state = advanceTime(state, state.time + ms, opts).state;
      }
      return serializeState(state);
    };
    expect(scenario(loops)).toBe(scenario(neverIdle));
  }, 60_000);
});
