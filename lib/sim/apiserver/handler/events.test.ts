import { describe, expect, it } from "vitest";
import { advanceTime } from "../../engine";
import { bareState, T0 } from "./test-support";
import { bodyOf, runner } from "./test-run";

const run = runner();

describe("one storage, two APIs (events)", () => {
  it("stores an events.k8s.io/v1 Event as a core v1 Event and serves both forms", () => {
    const ev = {
      apiVersion: "events.k8s.io/v1",
      kind: "Event",
      metadata: { name: "web.1" },
      eventTime: "2026-01-05T09:00:00.000000Z",
      reason: "Scheduled",
      note: "Successfully assigned default/web to node-1",
      type: "Normal",
      action: "Binding",
      reportingController: "default-scheduler",
      reportingInstance: "default-scheduler-controlplane",
      regarding: { kind: "Pod", namespace: "default", name: "web" },
    };
    const created = run(bareState(), {
      method: "POST",
      path: "/apis/events.k8s.io/v1/namespaces/default/events",
      body: ev,
    });
    expect(created.response.code).toBe(201);
    const core = bodyOf(
      run(created.state, { method: "GET", path: "/api/v1/namespaces/default/events/web.1" }),
    );
    expect(core).toMatchObject({
      apiVersion: "v1",
      message: "Successfully assigned default/web to node-1",
      involvedObject: { kind: "Pod", name: "web" },
      reportingComponent: "default-scheduler",
    });
    const v1 = bodyOf(
      run(created.state, {
        method: "GET",
        path: "/apis/events.k8s.io/v1/namespaces/default/events/web.1",
      }),
    );
    expect(v1).toMatchObject({
      apiVersion: "events.k8s.io/v1",
      note: "Successfully assigned default/web to node-1",
      regarding: { name: "web" },
    });
  });
});

describe("event TTL", () => {
  it("writes events with a one-hour etcd lease shared within a minute, so they expire", () => {
    const ev = (name: string) => ({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name },
      involvedObject: { kind: "Pod", namespace: "default", name: "web" },
      reason: "Pulled",
      message: "ok",
      type: "Normal",
    });
    let s = run(bareState(), {
      method: "POST",
      path: "/api/v1/namespaces/default/events",
      body: ev("a"),
    }).state;
    s = run(
      s,
      { method: "POST", path: "/api/v1/namespaces/default/events", body: ev("b") },
      T0 + 30_000,
    ).state;
    s = run(
      s,
      { method: "POST", path: "/api/v1/namespaces/default/events", body: ev("c") },
      T0 + 90_000,
    ).state;
    expect(s.store.leases.size).toBe(2);
    const later = advanceTime(s, T0 + 3_600_000).state; // the first lease (a, b) expires
    const names = (t: typeof s) =>
      bodyOf<{ items: { metadata: { name: string } }[] }>(
        run(t, { method: "GET", path: "/api/v1/namespaces/default/events" }, t.time),
      ).items.map((i) => i.metadata.name);
    expect(names(later)).toEqual(["c"]);
    expect(names(advanceTime(later, T0 + 3_690_000).state)).toEqual([]);
  });
});
