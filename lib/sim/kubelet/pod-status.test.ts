import { describe, expect, it } from "vitest";
import { buildPodStatus } from "./pod-status";

// The stored bytes of a pod's status depend on its keys' order: the kubelet's status must keep
// the order kubectl and the sandboxes already stored show (conditions' message before reason,
// hostIPs after hostIP, podIP/podIPs after phase).
const T = Date.UTC(2026, 0, 1);
const container = { name: "web", image: "nginx:1.25" };
const running = {
  name: "web",
  image: "docker.io/library/nginx:1.25",
  imageID: "",
  lastState: {},
  ready: false,
  restartCount: 0,
  started: true,
  state: { running: { startedAt: "2026-01-01T00:00:00Z" } },
};
const creating = {
  ...running,
  started: false,
  state: { waiting: { reason: "ContainerCreating" } },
};
const scheduledCondition = {
  lastProbeTime: null,
  lastTransitionTime: "2025-12-31T23:59:59Z",
  status: "True",
  type: "PodScheduled",
};

describe("buildPodStatus", () => {
  it("writes a running pod's status keys in the stored order", () => {
    const status = buildPodStatus({
      oldStatus: { conditions: [scheduledCondition], qosClass: "BestEffort" },
      containers: [container],
      statuses: [running],
      restartPolicy: "Always",
      podIP: "10.244.1.5",
      hostIP: "192.168.56.11",
      startTime: T,
      now: T,
    });
    expect(JSON.stringify(status)).toBe(
      JSON.stringify({
        conditions: [
          {
            lastProbeTime: null,
            lastTransitionTime: "2026-01-01T00:00:00Z",
            status: "True",
            type: "Initialized",
          },
          {
            lastProbeTime: null,
            lastTransitionTime: "2026-01-01T00:00:00Z",
            status: "True",
            type: "Ready",
          },
          {
            lastProbeTime: null,
            lastTransitionTime: "2026-01-01T00:00:00Z",
            status: "True",
            type: "ContainersReady",
          },
          scheduledCondition,
        ],
        containerStatuses: [{ ...running, ready: true }],
        hostIP: "192.168.56.11",
        hostIPs: [{ ip: "192.168.56.11" }],
        phase: "Running",
        podIP: "10.244.1.5",
        podIPs: [{ ip: "10.244.1.5" }],
        qosClass: "BestEffort",
        startTime: "2026-01-01T00:00:00Z",
      }),
    );
  });

  it("puts a not-ready condition's message before its reason and leaves out an absent pod IP", () => {
    const status = buildPodStatus({
      oldStatus: { conditions: [scheduledCondition] },
      containers: [container],
      statuses: [creating],
      restartPolicy: "Always",
      podIP: "",
      hostIP: "192.168.56.11",
      startTime: T,
      now: T + 1000,
    });
    const ready = (status.conditions as Record<string, unknown>[])[1]!;
    expect(Object.keys(ready)).toEqual([
      "lastProbeTime",
      "lastTransitionTime",
      "message",
      "reason",
      "status",
      "type",
    ]);
    expect(ready).toMatchObject({
      message: "containers with unready status: [web]",
      reason: "ContainersNotReady",
      status: "False",
      lastTransitionTime: "2026-01-01T00:00:01Z",
    });
    expect(Object.keys(status)).toEqual([
      "conditions",
      "containerStatuses",
      "hostIP",
      "hostIPs",
      "phase",
      "qosClass",
      "startTime",
    ]);
    expect(status.phase).toBe("Pending");
  });
});
