import { describe, expect, it } from "vitest";
import { fixedClock } from "./clock";
import { createClusterSandbox } from "./cluster/default-cluster";
import { clusterEngineOptions } from "./cluster/loops";
import { powerMachine } from "./cluster/world";
import {
  ADMIN_USER,
  advanceTime,
  createSandbox,
  handle,
  type ControlLoop,
  type EngineOptions,
} from "./engine";
import { setReconcileNotes } from "./controllers/shared/controller";
import { setPodSkipping } from "./kubelet/quiet-pods";
import type { SandboxState } from "./state";
import { serializeState } from "./state-codec";

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

/** The same loops without watches: each runs on every round, as before the quiet notes. */
function alwaysRun(loops: readonly ControlLoop[]): ControlLoop[] {
  return loops.map((loop) => ({ name: loop.name, user: loop.user, run: (api) => loop.run(api) }));
}

/** Counts runs per loop name, keeping the loop's watches. */
function counted(loops: readonly ControlLoop[], runs: Map<string, number>): ControlLoop[] {
  return loops.map((loop) => ({
    ...loop,
    run(api) {
      runs.set(loop.name, (runs.get(loop.name) ?? 0) + 1);
      loop.run(api);
    },
  }));
}

function deployment(name: string, container: Record<string, unknown>, extra = {}) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "c", ...container }] },
      },
      ...extra,
    },
  };
}

function post(state: SandboxState, path: string, body: unknown, opts: EngineOptions) {
  return handle(
    state,
    { method: "POST", path, body, user: ADMIN_USER },
    fixedClock(state.time),
    opts,
  ).state;
}

/**
 * A lab session on virtual time: deployments whose pods crash-loop, become ready after a
 * probe delay and count as available after minReadySeconds; unrelated writes in between;
 * a worker powered off (NotReady after 40 s, eviction after 300 s) and on again. Returns the
 * serialized sandbox after every step.
 */
let final: SandboxState | undefined;

function session(opts: EngineOptions, seconds: number): string[] {
  let { state } = createClusterSandbox({ seed: "quiet", now: T0 });
  const out: string[] = [];
  const step = (next: SandboxState) => {
    state = next;
    out.push(serializeState(state));
  };
  const deploys = "/apis/apps/v1/namespaces/default/deployments";
  step(
    post(
      state,
      deploys,
      deployment("crash", { image: "busybox", command: ["sh", "-c", "exit 3"] }),
      opts,
    ),
  );
  step(
    post(
      state,
      deploys,
      deployment(
        "probe",
        {
          image: "nginx:1.25",
          readinessProbe: { httpGet: { path: "/", port: 80 }, initialDelaySeconds: 7 },
        },
        { minReadySeconds: 12 },
      ),
      opts,
    ),
  );
  for (let s = 1; s <= seconds; s++) {
    // Catch-ups as requests make them: mostly 1 s apart, sometimes a longer pause.
    step(advanceTime(state, state.time + (s % 17 === 0 ? 4_500 : 1_000), opts).state);
    if (s % 5 === 0) {
      step(
        post(
          state,
          "/api/v1/namespaces/default/configmaps",
          { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `note-${s}` } },
          opts,
        ),
      );
    }
    if (s === 30) step(powerMachine(state, "worker2", false));
    if (s === 50) {
      const quota = { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q" } };
      step(
        post(
          state,
          "/api/v1/namespaces/default/resourcequotas",
          { ...quota, spec: { hard: { pods: "20" } } },
          opts,
        ),
      );
    }
    if (s === 60) {
      step(
        post(
          state,
          "/api/v1/namespaces",
          { apiVersion: "v1", kind: "Namespace", metadata: { name: "tmp" } },
          opts,
        ),
      );
      step(
        post(
          state,
          "/api/v1/namespaces/tmp/configmaps",
          { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } },
          opts,
        ),
      );
    }
    if (s === 70) {
      const del = { method: "DELETE", path: "/api/v1/namespaces/tmp", user: ADMIN_USER } as const;
      step(handle(state, del, fixedClock(state.time), opts).state);
    }
    if (s === 385) step(powerMachine(state, "worker2", true));
    if (s === 100) {
      // Endpoints and EndpointSlice follow the probe pods' readiness.
      const svc = {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "probe" },
        spec: { selector: { app: "probe" }, ports: [{ port: 80 }] },
      };
      step(post(state, "/api/v1/namespaces/default/services", svc, opts));
    }
    if (s === 120 || s === 240) {
      const scale = {
        method: "PATCH",
        path: `${deploys}/probe/scale`,
        body: { spec: { replicas: s === 120 ? 3 : 1 } },
        contentType: "application/merge-patch+json",
        user: ADMIN_USER,
      } as const;
      step(handle(state, scale, fixedClock(state.time), opts).state);
    }
    if (s === 140) {
      step(
        post(
          state,
          deploys,
          deployment("recreate", { image: "nginx:1.25" }, { strategy: { type: "Recreate" } }),
          opts,
        ),
      );
    }
    if (s === 160) {
      const roll = {
        method: "PATCH",
        path: `${deploys}/recreate`,
        body: {
          spec: { template: { spec: { containers: [{ name: "c", image: "nginx:1.26" }] } } },
        },
        contentType: "application/strategic-merge-patch+json",
        user: ADMIN_USER,
      } as const;
      step(handle(state, roll, fixedClock(state.time), opts).state);
    }
    if (s === 200) {
      // The garbage collector deletes its ReplicaSet, then the ReplicaSet's pods.
      step(post(state, deploys, deployment("doomed", { image: "nginx:1.25" }), opts));
    }
    if (s === 215) {
      const del = {
        method: "DELETE",
        path: `${deploys}/doomed`,
        user: ADMIN_USER,
      } as const;
      step(handle(state, del, fixedClock(state.time), opts).state);
    }
    if (s === 250) {
      // A ReplicaSet of its own, then a bare pod it matches: adopted (the orphan is news to
      // every ReplicaSet of the namespace), and the surplus pod deleted.
      const rs = {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: { name: "bare" },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: "bare" } },
          template: {
            metadata: { labels: { app: "bare" } },
            spec: { containers: [{ name: "c", image: "nginx:1.25" }] },
          },
        },
      };
      step(post(state, "/apis/apps/v1/namespaces/default/replicasets", rs, opts));
    }
    if (s === 256) {
      const stray = {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "stray", labels: { app: "bare" } },
        spec: { containers: [{ name: "c", image: "nginx:1.25" }] },
      };
      step(post(state, "/api/v1/namespaces/default/pods", stray, opts));
    }
  }
  final = state;
  return out;
}

/** A loop that watches ConfigMaps, writes nothing, and asks to be woken at `wake`. */
function sleeper(runs: number[], wake: number): ControlLoop {
  return {
    name: "sleeper",
    user: ADMIN_USER,
    watches: ["/registry/configmaps/"],
    run(api) {
      runs.push(api.now);
      api.wakeAt(wake);
    },
  };
}

describe("the engine's quiet notes (a toy loop)", () => {
  const namespaces = [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } }];
  const configMap = (name: string) => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name },
  });
  const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" } };

  it("skips the loop until a watched key is written or its wake-up time comes", () => {
    const runs: number[] = [];
    const opts = { loops: [sleeper(runs, T0 + 10_000)] };
    let { state } = createSandbox({ seed: "toy", now: T0, bootstrap: namespaces });
    state = advanceTime(state, T0 + 1000, opts).state; // runs: nothing noted yet
    state = advanceTime(state, T0 + 2000, opts).state; // quiet: skipped
    state = post(state, "/api/v1/namespaces/default/secrets", secret, opts); // not watched
    state = advanceTime(state, T0 + 3000, opts).state; // still skipped
    expect(runs).toEqual([T0 + 1000]);
    state = post(state, "/api/v1/namespaces/default/configmaps", configMap("a"), opts);
    expect(runs).toEqual([T0 + 1000, T0 + 3000]); // the write's settle woke it
    state = advanceTime(state, T0 + 9_999, opts).state;
    expect(runs).toHaveLength(2);
    advanceTime(state, T0 + 10_000, opts); // due exactly now
    expect(runs).toEqual([T0 + 1000, T0 + 3000, T0 + 10_000]);
  });

  it("runs it again when the machines change, and never while it may not act", () => {
    const runs: number[] = [];
    let allowed = false;
    const gated: ControlLoop = {
      ...sleeper(runs, Infinity),
      active: () => allowed,
    };
    const opts = { loops: [gated] };
    let { state } = createClusterSandbox({ seed: "toy-world", now: T0 });
    state = advanceTime(state, T0 + 1000, opts).state;
    expect(runs).toEqual([]);
    allowed = true;
    state = advanceTime(state, T0 + 2000, opts).state;
    state = advanceTime(state, T0 + 3000, opts).state;
    expect(runs).toEqual([T0 + 2000]);
    state = powerMachine(state, "worker1", false);
    advanceTime(state, T0 + 4000, opts);
    expect(runs).toEqual([T0 + 2000, T0 + 4000]);
  });

  it("keeps running a loop whose write is refused (a refused request still changes the sandbox)", () => {
    const runs: number[] = [];
    const failing: ControlLoop = {
      name: "failing-writer",
      user: ADMIN_USER,
      watches: ["/registry/configmaps/"],
      run(api) {
        runs.push(api.now);
        // Invalid: refused by validation, so the store does not change.
        api.request({
          method: "POST",
          path: "/api/v1/namespaces/default/configmaps",
          body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "Not Valid" } },
        });
      },
    };
    const opts = { loops: [failing] };
    let { state } = createSandbox({ seed: "toy-fail", now: T0, bootstrap: namespaces });
    state = advanceTime(state, T0 + 1000, opts).state;
    advanceTime(state, T0 + 2000, opts);
    expect(runs).toEqual([T0 + 1000, T0 + 2000]);
  });

  it("is woken by a created object only when the loop says such an object is news", () => {
    const runs: number[] = [];
    const picky: ControlLoop = {
      ...sleeper(runs, Infinity),
      createdIsNews: (obj) => (obj.metadata.name ?? "").startsWith("wake"),
    };
    const opts = { loops: [picky] };
    const at = (s: number) => T0 + s * 1000;
    let { state } = createSandbox({ seed: "toy-created", now: T0, bootstrap: namespaces });
    state = advanceTime(state, at(1), opts).state; // first run: nothing noted yet
    state = post(state, "/api/v1/namespaces/default/configmaps", configMap("plain"), opts);
    expect(runs).toEqual([at(1)]);
    state = post(state, "/api/v1/namespaces/default/configmaps", configMap("wake-1"), opts);
    expect(runs).toEqual([at(1), at(1)]);
    // A deletion is always news.
    const del = {
      method: "DELETE",
      path: "/api/v1/namespaces/default/configmaps/plain",
      user: ADMIN_USER,
    } as const;
    handle(state, del, fixedClock(state.time), opts);
    expect(runs).toHaveLength(3);
  });
});

describe("loops with nothing due are skipped, and the cluster is the same byte for byte", () => {
  it("gives the same sandbox at every step as running every loop and syncing every pod", () => {
    const { loops = [] } = clusterEngineOptions();
    const quiet = session({ loops, maxRounds: 50 }, 400);
    setPodSkipping(false);
    setReconcileNotes(false);
    let reference: string[];
    try {
      reference = session({ loops: alwaysRun(loops), maxRounds: 50 }, 400);
    } finally {
      setPodSkipping(true);
      setReconcileNotes(true);
    }
    expect(quiet.length).toBe(reference.length);
    for (let i = 0; i < quiet.length; i++) {
      // The first step that differs, not a 500-step diff.
      if (quiet[i] !== reference[i])
        expect({ step: i, state: quiet[i] }).toEqual({ step: i, state: reference[i] });
    }
    // The session did what it claims: back-off restarts, NotReady, eviction, availability.
    const last = reference[reference.length - 1]!;
    expect(last).toContain("CrashLoopBackOff");
    expect(last).toContain("NodeNotReady");
    expect(last).toContain("TaintManagerEviction");
    expect(last).toMatch(/availableReplicas\\*":2/);
    expect(last).toMatch(/used\\*":\{\\*"pods/);
    expect(last).toContain("/registry/namespaces/tmp");
    expect(final?.store.live.has("/registry/namespaces/tmp")).toBe(false);
    expect(last).toContain("doomed-");
    // The bare ReplicaSet adopted the stray pod and deleted the surplus: one pod left.
    const barePods = [...(final?.store.live.keys() ?? [])].filter(
      (k) => k.startsWith("/registry/pods/default/bare-") || k === "/registry/pods/default/stray",
    );
    expect(barePods).toHaveLength(1);
    const left = [...(final?.store.live.keys() ?? [])].filter((k) => k.includes("/doomed"));
    expect(left.filter((k) => !k.startsWith("/registry/events/"))).toEqual([]);
  }, 240_000);

  it("runs no loop on a catch-up with nothing due, and only the due ones when something is", () => {
    const runs = new Map<string, number>();
    const { loops = [] } = clusterEngineOptions();
    const opts = { loops: counted(loops, runs), maxRounds: 50 };
    let { state } = createClusterSandbox({ seed: "quiet-count", now: T0 });
    for (let s = 0; s < 30; s++) state = advanceTime(state, state.time + 1000, opts).state;
    // The leaders renewed at an even second: the next odd second has nothing due.
    const renewedAt = state.time;
    state = advanceTime(state, renewedAt + 1000, opts).state;
    runs.clear();
    const quiet = advanceTime(state, renewedAt + 1500, opts);
    expect([...runs.keys()]).toEqual([]);
    expect(quiet.changes.appended).toEqual([]);
    // At the renewal time the leader elections renew; the kubelet and the controllers that
    // watch only their own resources stay asleep.
    const renewal = advanceTime(quiet.state, renewedAt + 2000, opts);
    expect(renewal.changes.appended.map((r) => r.key).sort()).toEqual([
      "/registry/leases/kube-system/kube-controller-manager",
      "/registry/leases/kube-system/kube-scheduler",
    ]);
    // Each renews once: its own renewal does not wake it again (settledByOwnWrites).
    expect(runs.get("kube-scheduler-leader-election")).toBe(1);
    expect(runs.get("kube-controller-manager-leader-election")).toBe(1);
    expect(runs.get("kubelet")).toBeUndefined();
    // kube-scheduler watches pods, nodes and namespaces only: a Lease renewal is no news.
    expect(runs.get("kube-scheduler")).toBeUndefined();
    expect(runs.get("deployment-controller")).toBeUndefined();
    expect(runs.get("node-lifecycle-controller")).toBeUndefined();
  }, 60_000);

  it("runs the kubelet once for its node Lease renewals, and wakes the scheduler for a pod only", () => {
    const runs = new Map<string, number>();
    const { loops = [] } = clusterEngineOptions();
    const opts = { loops: counted(loops, runs), maxRounds: 50 };
    let { state } = createClusterSandbox({ seed: "quiet-lease", now: T0 });
    let kubeletRenewals = 0;
    for (let s = 0; s < 40; s++) {
      runs.clear();
      const r = advanceTime(state, state.time + 1000, opts);
      state = r.state;
      const nodeLeases = r.changes.appended.filter((row) =>
        row.key.startsWith("/registry/leases/kube-node-lease/"),
      );
      if (nodeLeases.length === 0) continue;
      kubeletRenewals++;
      // The renewals are the kubelet's only writes: it is not run again for their echo.
      expect(nodeLeases).toHaveLength(3);
      expect(runs.get("kubelet")).toBe(1);
    }
    expect(kubeletRenewals).toBeGreaterThanOrEqual(3);
    runs.clear();
    state = post(
      state,
      "/api/v1/namespaces/default/configmaps",
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "unrelated" } },
      opts,
    );
    expect(runs.get("kube-scheduler")).toBeUndefined();
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: { containers: [{ name: "c", image: "registry.k8s.io/pause:3.9" }] },
    };
    post(state, "/api/v1/namespaces/default/pods", pod, opts);
    expect(runs.get("kube-scheduler")).toBeGreaterThan(0);
  }, 60_000);
});
