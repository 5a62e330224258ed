import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { coreToEventsV1, eventsV1ToCore } from "./event-conversion";

const core: KubeObject = {
  apiVersion: "v1",
  kind: "Event",
  metadata: { name: "web.17a", namespace: "default" },
  involvedObject: { kind: "Pod", name: "web", namespace: "default" },
  reason: "Scheduled",
  message: "Successfully assigned default/web to worker-1",
  source: { component: "default-scheduler" },
  firstTimestamp: null,
  lastTimestamp: null,
  type: "Normal",
  eventTime: "2026-01-05T09:00:00.000000Z",
  action: "Binding",
  reportingComponent: "default-scheduler",
  reportingInstance: "default-scheduler-cp-1",
};

describe("Event conversion", () => {
  it("renames fields between the two APIs", () => {
    const v1 = coreToEventsV1(core);
    expect(v1).toMatchObject({
      apiVersion: "events.k8s.io/v1",
      regarding: { kind: "Pod", name: "web" },
      note: "Successfully assigned default/web to worker-1",
      deprecatedSource: { component: "default-scheduler" },
      reportingController: "default-scheduler",
      reportingInstance: "default-scheduler-cp-1",
      reason: "Scheduled",
      action: "Binding",
    });
    expect(v1).not.toHaveProperty("message");
    expect(v1).not.toHaveProperty("involvedObject");
  });

  it("round-trips", () => {
    expect(eventsV1ToCore(coreToEventsV1(core))).toEqual(core);
  });
});
