import { describe, expect, it } from "vitest";
import { LabCluster } from "../../cluster/lab-cluster";
import { T0 } from "../../scenarios/fixtures";

// An Event's stored keys keep client-go's order whichever optional keys it has: the kubelet's
// carry a fieldPath and a host, the scheduler's neither.
describe("recorded Event bodies", () => {
  const lab = new LabCluster({ seed: "event-body", now: T0 });
  lab.request("POST", "/api/v1/namespaces/default/pods", {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "solo" },
    spec: { containers: [{ name: "c", image: "registry.k8s.io/pause:3.9" }] },
  });
  const events = lab
    .list("", "events", "default")
    .filter((e) => (e.involvedObject as { name?: string }).name === "solo");
  const byReason = (reason: string) => events.find((e) => e.reason === reason)!;

  it("writes the kubelet's container Events with fieldPath and host, in order", () => {
    const started = byReason("Started");
    expect(Object.keys(started)).toEqual([
      "apiVersion",
      "kind",
      "metadata",
      "involvedObject",
      "reason",
      "message",
      "source",
      "firstTimestamp",
      "lastTimestamp",
      "count",
      "type",
      "eventTime",
      "reportingComponent",
      "reportingInstance",
    ]);
    expect(Object.keys(started.involvedObject as object)).toEqual([
      "apiVersion",
      "kind",
      "name",
      "namespace",
      "uid",
      "resourceVersion",
      "fieldPath",
    ]);
    expect(started.involvedObject).toMatchObject({ fieldPath: "spec.containers{c}" });
    expect(started.source).toEqual({ component: "kubelet", host: expect.any(String) });
    expect(Object.keys(started.source as object)).toEqual(["component", "host"]);
    expect(started.reportingInstance).toBe((started.source as { host: string }).host);
  });

  it("writes the scheduler's Event without fieldPath or host", () => {
    const scheduled = byReason("Scheduled");
    expect(Object.keys(scheduled.involvedObject as object)).toEqual([
      "apiVersion",
      "kind",
      "name",
      "namespace",
      "uid",
      "resourceVersion",
    ]);
    expect(scheduled.source).toEqual({ component: "default-scheduler" });
    expect(scheduled.reportingInstance).toBe("");
  });
});
