import { describe, expect, it } from "vitest";
import { fixedClock } from "./clock";
import { ADMIN_USER, advanceTime, createSandbox, handle, type ControlLoop } from "./engine";
import type { SandboxState } from "./state";
import type { ApiRequest } from "./apiserver/handler/types";
import { serializeState, stateFromParts, stateMeta } from "./state-codec";
import { get } from "./store/store";
import { logRows } from "./store/types";
import { StoreWriter } from "./store/writer";

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const namespaces = ["default", "kube-system"].map((name) => ({
  apiVersion: "v1",
  kind: "Namespace",
  metadata: { name },
}));

const script: ApiRequest[] = [
  {
    method: "POST",
    path: "/api/v1/namespaces/default/configmaps",
    body: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { generateName: "cfg-" },
      data: { a: "1" },
    },
  },
  {
    method: "POST",
    path: "/api/v1/namespaces/default/pods",
    body: {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web" },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    },
  },
  {
    method: "PATCH",
    path: "/api/v1/namespaces/default/pods/web",
    contentType: "application/merge-patch+json",
    body: { metadata: { labels: { app: "web" } } },
  },
  { method: "GET", path: "/api/v1/namespaces/default/pods" },
  { method: "DELETE", path: "/api/v1/namespaces/default/pods/web" },
];

function replay(seed: string) {
  let { state } = createSandbox({ seed, now: T0, bootstrap: namespaces });
  script.forEach((req, i) => {
    state = handle(state, { ...req, user: ADMIN_USER }, fixedClock(T0 + i * 1000)).state;
  });
  return state;
}

/** POST ConfigMap "c" into `state` with one control loop settling after it. */
function createConfigMapC(state: SandboxState, loop: ControlLoop) {
  return handle(
    state,
    {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      user: ADMIN_USER,
      body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } },
    },
    fixedClock(T0),
    { loops: [loop] },
  );
}

describe("engine", () => {
  it("is deterministic: the same seed and requests give byte-identical state", () => {
    const a = serializeState(replay("seed-1"));
    const b = serializeState(replay("seed-1"));
    expect(a).toBe(b);
    expect(serializeState(replay("seed-2"))).not.toBe(a);
  });

  it("round-trips a state through its persisted parts", () => {
    const s = replay("rt");
    const back = stateFromParts(stateMeta(s), [...logRows(s.store.log)], {
      audit: [...s.journal.audit],
      traces: [...s.journal.traces],
    });
    expect(serializeState(back)).toBe(serializeState(s));
  });

  it("creates a sandbox with the bootstrap objects and an admin token", () => {
    const { state, changes, adminToken } = createSandbox({
      seed: "x",
      now: T0,
      bootstrap: namespaces,
    });
    expect(get(state.store, "/registry/namespaces/default")).toBeDefined();
    expect(changes.appended).toHaveLength(2);
    expect(state.tokens[adminToken]).toEqual(ADMIN_USER);
    const r = handle(
      state,
      { method: "GET", path: "/api/v1/namespaces", token: adminToken },
      fixedClock(T0),
    );
    expect(r.response.code).toBe(200);
  });

  it("runs control loops after a write until they settle, and not after reads", () => {
    let runs = 0;
    const labeler: ControlLoop = {
      name: "labeler",
      user: { username: "system:kube-controller-manager", groups: ["system:masters"] },
      run(api) {
        runs++;
        const list = api.request({ method: "GET", path: "/api/v1/namespaces/default/configmaps" });
        const items = (
          list as {
            body: { items: { metadata: { name: string; labels?: Record<string, string> } }[] };
          }
        ).body.items;
        for (const cm of items) {
          if (cm.metadata.labels?.seen) continue;
          api.request({
            method: "PATCH",
            path: `/api/v1/namespaces/default/configmaps/${cm.metadata.name}`,
            contentType: "application/merge-patch+json",
            body: { metadata: { labels: { seen: "yes" } } },
          });
        }
      },
    };
    const { state } = createSandbox({ seed: "loops", now: T0, bootstrap: namespaces });
    const r = createConfigMapC(state, labeler);
    expect(runs).toBe(2); // one round that wrote, one that found nothing to do
    expect(r.audit.map((e) => e.verb)).toEqual(["create", "list", "patch", "list"]);
    // The settle journals its requests at its end: the state's journal ends with all of them.
    expect(r.state.journal.audit.slice(-4)).toEqual(r.audit);
    expect(r.state.journal.traces.slice(-4)).toEqual(r.traces);
    expect(r.changes.appended.map((row) => row.revision)).toEqual([4, 5]);
    runs = 0;
    handle(
      r.state,
      { method: "GET", path: "/api/v1/namespaces/default/configmaps", user: ADMIN_USER },
      fixedClock(T0),
      { loops: [labeler] },
    );
    expect(runs).toBe(0);
  });

  it("keeps the newest 50 requests in the journal when a settle sends more", () => {
    const reader: ControlLoop = {
      name: "reader",
      user: { username: "system:kube-controller-manager", groups: ["system:masters"] },
      run(api) {
        for (let i = 0; i < 60; i++) {
          api.request({ method: "GET", path: `/api/v1/namespaces/default/configmaps/c${i}` });
        }
      },
    };
    const { state } = createSandbox({ seed: "many", now: T0, bootstrap: namespaces });
    const r = createConfigMapC(state, reader);
    expect(r.audit).toHaveLength(61);
    expect(r.state.journal.audit).toEqual(r.audit.slice(-50));
    expect(r.state.journal.traces).toEqual(r.traces.slice(-50));
    expect(r.state.journal.audit.at(-1)?.requestURI).toBe(
      "/api/v1/namespaces/default/configmaps/c59",
    );
  });

  it("compacts history beyond the sandbox bound and reports the removed rows", () => {
    let { state } = createSandbox({
      seed: "c",
      now: T0,
      bootstrap: namespaces,
      limits: { historyRevisions: 5 },
    });
    const removed: number[] = [];
    for (let i = 0; i < 14; i++) {
      const r = handle(
        state,
        {
          method: "PUT",
          path: "/api/v1/namespaces/default/configmaps/x",
          user: ADMIN_USER,
          body: {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name: "x" },
            data: { i: String(i) },
          },
        },
        fixedClock(T0),
      );
      if (i === 0) {
        expect(r.response.code).toBe(404);
        state = handle(
          state,
          {
            method: "POST",
            path: "/api/v1/namespaces/default/configmaps",
            user: ADMIN_USER,
            body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } },
          },
          fixedClock(T0),
        ).state;
        continue;
      }
      removed.push(...r.changes.removed);
      state = r.state;
    }
    // namespaces at 2-3, create at 4, 13 updates: 5..17; compactions at 11 (→6) and 17 (→12)
    expect(state.store.revision).toBe(17);
    expect(state.store.compactRevision).toBe(12);
    expect(removed.length).toBeGreaterThan(0);
    // bounded: retained rows are the two namespaces plus history above the compact revision
    expect(logRows(state.store.log).length).toBeLessThanOrEqual(2 + 2 * 5 + 1);
  });

  it("expires leases when virtual time passes, but not while etcd has no leader", () => {
    const { state } = createSandbox({ seed: "l", now: T0, bootstrap: namespaces });
    const w = new StoreWriter(state.store, T0);
    const lease = w.grantLease(40);
    w.put("/registry/leases/kube-node-lease/node-1", "{}", lease.id);
    const s = { ...state, store: w.commit().state };
    const noLeader = { ...s, etcd: { ...s.etcd, leaderId: null } };
    expect(
      get(
        advanceTime(noLeader, T0 + 41_000).state.store,
        "/registry/leases/kube-node-lease/node-1",
      ),
    ).toBeDefined();
    const later = advanceTime(s, T0 + 41_000);
    expect(get(later.state.store, "/registry/leases/kube-node-lease/node-1")).toBeUndefined();
    expect(later.changes.appended.map((r) => r.deleted)).toEqual([true]);
    expect(later.state.time).toBe(T0 + 41_000);
  });
});
