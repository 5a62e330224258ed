import { describe, expect, it } from "vitest";
import { bareState } from "./test-support";
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
