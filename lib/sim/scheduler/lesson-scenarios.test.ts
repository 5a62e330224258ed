// The lesson's scheduling stories end to end through the queue and scheduleOne: a kubeadm-style
// cluster (master1 tainted, worker1, worker2), replicas spreading, cordon, anti-affinity leaving
// a pod Pending with the exact FailedScheduling message, and preemption by priority.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { Rng } from "../random";
import type { Node, Pod } from "./api-types";
import { newFramework } from "./framework/registry";
import { Snapshot } from "./framework/snapshot";
import { SchedulingQueue } from "./queue/scheduling-queue";
import { scheduleOne, type ScheduleOutcome } from "./schedule-one";
import { makeNode, makePod } from "./testing/fixtures";

function cluster(): Node[] {
  return [
    makeNode("master1", {
      cpu: "2",
      memory: "4Gi",
      labels: { "node-role.kubernetes.io/control-plane": "" },
      spec: { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] },
    }),
    makeNode("worker1", { cpu: "2", memory: "4Gi" }),
    makeNode("worker2", { cpu: "2", memory: "4Gi" }),
  ];
}

/** A tiny control loop: pop, schedule, "bind" (assume), park failures. */
function settle(nodes: Node[], pods: Pod[], seed = "lesson") {
  const clock = new ManualClock(Date.parse("2024-01-01T00:00:00Z"));
  const queue = new SchedulingQueue(clock);
  const snapshot = new Snapshot({ nodes });
  const framework = newFramework();
  const rng = Rng.fromSeed(seed);
  const cursor = { nextStartNodeIndex: 0 };
  const outcomes = new Map<string, ScheduleOutcome>();
  for (const pod of pods) queue.add(pod);
  for (let q = queue.pop(); q; q = queue.pop()) {
    const outcome = scheduleOne({ pod: q.podInfo.pod, framework, snapshot, rng, cursor });
    outcomes.set(q.podInfo.name, outcome);
    if (outcome.kind === "Unschedulable") {
      queue.addUnschedulable(
        q,
        queue.schedulingCycle,
        outcome.record.rejected.map((r) => r.plugin),
      );
    }
  }
  const placement = Object.fromEntries(
    [...outcomes].map(([name, o]) => [name, o.kind === "Scheduled" ? o.nodeName : "Pending"]),
  );
  return { outcomes, placement, snapshot, queue };
}

const replica = (i: number, extra: Parameters<typeof makePod>[1] = {}) =>
  makePod(`web-${i}`, {
    labels: { app: "web" },
    requests: { cpu: "250m", memory: "256Mi" },
    ...extra,
  });

describe("lesson scenarios", () => {
  it("spreads replicas over the workers and never onto the tainted control plane", () => {
    const { placement } = settle(
      cluster(),
      [0, 1, 2, 3].map((i) => replica(i)),
    );
    const counts = { worker1: 0, worker2: 0, master1: 0 } as Record<string, number>;
    for (const node of Object.values(placement)) counts[node]!++;
    expect(counts).toEqual({ worker1: 2, worker2: 2, master1: 0 });
  });

  it("sends new pods around a cordoned node", () => {
    const nodes = cluster();
    nodes[1]!.spec = { unschedulable: true };
    const { placement } = settle(
      nodes,
      [0, 1, 2].map((i) => replica(i)),
    );
    expect(Object.values(placement)).toEqual(["worker2", "worker2", "worker2"]);
  });

  it("leaves the third anti-affine replica Pending with kube-scheduler's message", () => {
    const antiAffine = (i: number) =>
      replica(i, {
        spec: {
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                {
                  labelSelector: { matchLabels: { app: "web" } },
                  topologyKey: "kubernetes.io/hostname",
                },
              ],
            },
          },
        },
      });
    const { outcomes, placement, queue } = settle(cluster(), [0, 1, 2].map(antiAffine));
    expect(Object.values(placement).sort()).toEqual(["Pending", "worker1", "worker2"]);
    const pending = outcomes.get("web-2")!;
    expect(pending.kind === "Unschedulable" && pending.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, " +
        "2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: " +
        "1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..",
    );
    expect(queue.pending().unschedulable).toEqual(["default/web-2"]);
  });

  it("lets a high-priority pod preempt the lowest-priority pods on a full worker", () => {
    const fill = [0, 1, 2, 3].map((i) =>
      makePod(`batch-${i}`, {
        priority: i < 2 ? 0 : 10,
        requests: { cpu: "1" },
        nodeName: i < 2 ? "worker1" : "worker2",
      }),
    );
    const nodes = cluster();
    const { outcomes } = settle(nodes, [
      ...fill.map((p) => ({ ...p, spec: { ...p.spec, nodeName: undefined } })),
    ]);
    expect([...outcomes.values()].every((o) => o.kind === "Scheduled")).toBe(true);

    const snapshot = new Snapshot({ nodes, pods: fill });
    const urgent = makePod("urgent", { priority: 1000, requests: { cpu: "1" } });
    const outcome = scheduleOne({
      pod: urgent,
      framework: newFramework(),
      snapshot,
      rng: Rng.fromSeed("p"),
      cursor: { nextStartNodeIndex: 0 },
    });
    expect(outcome.kind).toBe("Unschedulable");
    if (outcome.kind !== "Unschedulable") return;
    expect(outcome.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.",
    );
    expect(outcome.nominatedNodeName).toBe("worker1");
    expect(outcome.victims).toHaveLength(1);
    expect(outcome.victims[0]!.priority).toBe(0);
  });
});
