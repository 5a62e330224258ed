import { describe, expect, it } from "vitest";
import { Rng } from "../random";
import type { Node } from "./api-types";
import { newFramework } from "./framework/registry";
import { Snapshot } from "./framework/snapshot";
import {
  numFeasibleNodesToFind,
  scheduleOne,
  selectHost,
  type SchedulerCursor,
} from "./schedule-one";
import { makeNode, makePod } from "./testing/fixtures";

const CONTROL_PLANE_TAINT = {
  key: "node-role.kubernetes.io/control-plane",
  effect: "NoSchedule" as const,
};

function lessonCluster(): Node[] {
  return [
    makeNode("master1", { cpu: "2", spec: { taints: [CONTROL_PLANE_TAINT] } }),
    makeNode("worker1", { cpu: "2" }),
    makeNode("worker2", { cpu: "2" }),
  ];
}

function run(
  nodes: Node[],
  pod = makePod("web"),
  pods = [] as ReturnType<typeof makePod>[],
  seed = "seed",
) {
  const snapshot = new Snapshot({ nodes, pods });
  const cursor: SchedulerCursor = { nextStartNodeIndex: 0 };
  return {
    outcome: scheduleOne({
      pod,
      framework: newFramework(),
      snapshot,
      rng: Rng.fromSeed(seed),
      cursor,
    }),
    snapshot,
    cursor,
  };
}

describe("scheduleOne failures: the FailedScheduling message of 1.28", () => {
  it("counts reasons per node, sorts them and appends the preemption verdict", () => {
    const { outcome } = run(lessonCluster(), makePod("big", { requests: { cpu: "3" } }));
    expect(outcome.kind).toBe("Unschedulable");
    if (outcome.kind !== "Unschedulable") return;
    expect(outcome.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, " +
        "2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, " +
        "2 No preemption victims found for incoming pod..",
    );
    expect(outcome.victims).toEqual([]);
    expect(outcome.nominatedNodeName).toBeUndefined();
    expect(outcome.record.rejected.map((r) => [r.node, r.plugin])).toEqual([
      ["master1", "TaintToleration"],
      ["worker1", "NodeResourcesFit"],
      ["worker2", "NodeResourcesFit"],
    ]);
  });

  it("keeps several reasons of one node and mixes plugins", () => {
    const nodes = [
      makeNode("a", { cpu: "1", memory: "1Gi" }),
      makeNode("b", { cpu: "1", memory: "1Gi" }),
      makeNode("c", { labels: { disktype: "hdd" } }),
      makeNode("d", { spec: { unschedulable: true } }),
    ];
    const pod = makePod("p", {
      requests: { cpu: "2", memory: "2Gi" },
      spec: { nodeSelector: { "kubernetes.io/os": "linux" } },
    });
    nodes[0]!.metadata.labels!["kubernetes.io/os"] = "linux";
    nodes[1]!.metadata.labels!["kubernetes.io/os"] = "linux";
    const { outcome } = run(nodes, pod);
    expect(outcome.kind === "Unschedulable" && outcome.message).toBe(
      "0/4 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) were unschedulable, " +
        "2 Insufficient cpu, 2 Insufficient memory. preemption: 0/4 nodes are available: " +
        "2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling..",
    );
  });

  it("reports a PreFilter failure once, for all nodes", () => {
    const pod = makePod("p", {
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchFields: [
                    { key: "metadata.name", operator: "In", values: ["worker1"] },
                    { key: "metadata.name", operator: "In", values: ["worker2"] },
                  ],
                },
              ],
            },
          },
        },
      },
    });
    const { outcome } = run(lessonCluster(), pod);
    expect(outcome.kind === "Unschedulable" && outcome.message).toBe(
      "0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: " +
        "3 Preemption is not helpful for scheduling..",
    );
  });

  it("says when the pod may not preempt", () => {
    const pod = makePod("p", { requests: { cpu: "3" }, spec: { preemptionPolicy: "Never" } });
    const { outcome } = run(lessonCluster().slice(1), pod);
    expect(outcome.kind === "Unschedulable" && outcome.message).toBe(
      "0/2 nodes are available: 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..",
    );
  });

  it("has no nodes to offer in an empty cluster", () => {
    const { outcome } = run([]);
    expect(outcome.kind === "Unschedulable" && outcome.message).toBe(
      "no nodes available to schedule pods",
    );
  });
});

describe("scheduleOne success", () => {
  it("places the pod on the least loaded worker and records every score", () => {
    const busy = makePod("busy", {
      nodeName: "worker1",
      requests: { cpu: "1500m", memory: "1Gi" },
    });
    const { outcome, snapshot } = run(
      lessonCluster(),
      makePod("web", { requests: { cpu: "100m" } }),
      [busy],
    );
    expect(outcome.kind).toBe("Scheduled");
    if (outcome.kind !== "Scheduled") return;
    expect(outcome.nodeName).toBe("worker2");
    const record = outcome.record;
    expect(record.feasible).toEqual(["worker1", "worker2"]);
    expect(record.rejected).toEqual([
      {
        node: "master1",
        plugin: "TaintToleration",
        code: 3,
        reasons: ["node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"],
      },
    ]);
    expect(record.skippedFilterPlugins).toEqual([
      "NodeAffinity",
      "NodePorts",
      "PodTopologySpread",
      "InterPodAffinity",
    ]);
    expect(record.scores!.plugins.map((p) => [p.plugin, p.weight, p.ran])).toEqual([
      ["TaintToleration", 3, true],
      ["NodeAffinity", 2, false],
      ["NodeResourcesFit", 1, true],
      ["PodTopologySpread", 2, false],
      ["InterPodAffinity", 2, false],
      ["NodeResourcesBalancedAllocation", 1, true],
      ["ImageLocality", 1, true],
    ]);
    const fit = record.scores!.plugins.find((p) => p.plugin === "NodeResourcesFit")!;
    // worker1: cpu (2000−1600)/2000 = 20, memory (8192−1224)/8192 = 85 → 52; worker2: 95, 97 → 96
    expect(fit.raw).toEqual([52, 96]);
    const [t1, t2] = record.scores!.totals;
    expect(t2!).toBeGreaterThan(t1!);
    expect(record.selectedNode).toBe("worker2");
    // assumed: the snapshot now counts the pod on worker2
    expect(snapshot.get("worker2")!.pods.map((p) => p.name)).toEqual(["web"]);
  });

  it("binds a lone feasible node without scoring", () => {
    const { outcome } = run(
      lessonCluster(),
      makePod("p", { spec: { nodeSelector: { "kubernetes.io/hostname": "worker2" } } }),
    );
    expect(outcome.kind === "Scheduled" && outcome.nodeName).toBe("worker2");
    expect(outcome.record.scores).toBeUndefined();
  });

  it("tries the nominated node first", () => {
    const nodes = [makeNode("a"), makeNode("b"), makeNode("c")];
    const { outcome } = run(nodes, makePod("p", { nominatedNodeName: "c" }));
    expect(outcome.kind === "Scheduled" && outcome.nodeName).toBe("c");
    expect(outcome.record.evaluatedNodes).toBe(1);
  });

  it("is deterministic for a seed and spreads identical pods", () => {
    const place = (seed: string) => {
      const snapshot = new Snapshot({
        nodes: Array.from({ length: 6 }, (_, i) => makeNode(`n${i}`)),
      });
      const rng = Rng.fromSeed(seed);
      const cursor = { nextStartNodeIndex: 0 };
      const framework = newFramework();
      return Array.from({ length: 12 }, (_, i) => {
        const o = scheduleOne({ pod: makePod(`p${i}`), framework, snapshot, rng, cursor });
        return o.kind === "Scheduled" ? o.nodeName : "";
      });
    };
    const first = place("a");
    expect(place("a")).toEqual(first);
    const counts = new Map<string, number>();
    for (const n of first) counts.set(n, (counts.get(n) ?? 0) + 1);
    expect([...counts.values()]).toEqual([2, 2, 2, 2, 2, 2]);
  });
});

describe("selectHost", () => {
  it("picks only among the top scores, each of them sometimes", () => {
    const rng = Rng.fromSeed("ties");
    const seen = new Set<number>();
    for (let i = 0; i < 300; i++) seen.add(selectHost([5, 9, 9, 3, 9], rng));
    expect([...seen].sort()).toEqual([1, 2, 4]);
  });
});

describe("numFeasibleNodesToFind", () => {
  it.each([
    [50, 50],
    [100, 100],
    [200, 100],
    [1000, 420],
    [5000, 500],
    [10000, 500],
  ])("%i nodes → %i", (all, expected) => {
    expect(numFeasibleNodesToFind(0, all)).toBe(expected);
  });

  it("stops filtering once enough nodes fit and resumes after them next cycle", () => {
    const nodes = Array.from({ length: 300 }, (_, i) => makeNode(`n${String(i).padStart(3, "0")}`));
    const { outcome, cursor } = run(nodes);
    // 300 nodes: 50 − 2 = 48% → 144
    expect(outcome.record.evaluatedNodes).toBe(144);
    expect(cursor.nextStartNodeIndex).toBe(144);
  });
});
