import { describe, expect, it } from "vitest";
import { podManifest, T0 } from "../scenarios/fixtures";
import { LabCluster } from "./lab-cluster";
import { schedulerEventsSince } from "./scheduler-events";

describe("cluster events the scheduler's queue reacts to", () => {
  const lab = new LabCluster({ seed: "sched-events", now: T0 });
  lab.request("POST", "/api/v1/namespaces/default/pods", podManifest("web"));
  lab.request("POST", "/api/v1/namespaces/default/pods", {
    ...podManifest("stuck"),
    spec: { nodeSelector: { disk: "ssd" }, containers: [{ name: "c", image: "nginx" }] },
  });

  it("ignores node heartbeats and pod status updates", () => {
    const seen = lab.state.store.revision;
    lab.advance(20_000);
    expect(lab.state.store.revision).toBeGreaterThan(seen);
    const events = schedulerEventsSince(lab.state.store, seen);
    expect(events).toEqual({
      nodeChanged: false,
      assignedPodDeleted: false,
      assignedPodAdded: false,
      updatedPendingPods: new Set(),
    });
  });

  it("sees a node's labels change and a bound pod's deletion", () => {
    const seen = lab.state.store.revision;
    lab.request(
      "PATCH",
      "/api/v1/nodes/worker2",
      { metadata: { labels: { zone: "b" } } },
      "application/merge-patch+json",
    );
    expect(schedulerEventsSince(lab.state.store, seen).nodeChanged).toBe(true);
    const beforeDelete = lab.state.store.revision;
    lab.request("DELETE", "/api/v1/namespaces/default/pods/web");
    lab.advance(35_000);
    const events = schedulerEventsSince(lab.state.store, beforeDelete);
    expect(events.assignedPodDeleted).toBe(true);
  });

  it("sees a pending pod its user changed", () => {
    const seen = lab.state.store.revision;
    lab.request(
      "PATCH",
      "/api/v1/namespaces/default/pods/stuck",
      { metadata: { labels: { tier: "x" } } },
      "application/merge-patch+json",
    );
    expect([...schedulerEventsSince(lab.state.store, seen).updatedPendingPods]).toEqual([
      "default/stuck",
    ]);
  });
});
