import { describe, expect, it } from "vitest";
import { T0, podManifest } from "../scenarios/fixtures";
import { stateFromParts, stateMeta } from "../state-codec";
import { logRows } from "../store/types";
import { Code } from "../scheduler/framework/status";
import { LabCluster } from "./lab-cluster";
import { schedulerMemory, schedulingRecord } from "./scheduler-memory";

describe("scheduling records kept with the sandbox", () => {
  it("keeps the newest attempt of a placed pod: filter verdicts per node, scores, chosen node", () => {
    const lab = new LabCluster({ seed: "record-placed", now: T0 });
    lab.request("POST", "/api/v1/namespaces/default/pods", podManifest("web"));
    const pod = lab.get("", "pods", "default", "web")!;
    const record = schedulingRecord(lab.state, "default", "web")!;
    expect(record.uid).toBe(pod.metadata.uid);
    expect(record.selectedNode).toBe((pod.spec as { nodeName: string }).nodeName);
    expect(record.numAllNodes).toBe(3);
    expect(record.rejected).toEqual([
      {
        node: "master1",
        plugin: "TaintToleration",
        code: Code.UnschedulableAndUnresolvable,
        reasons: ["node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"],
      },
    ]);
    expect([...record.feasible].sort()).toEqual(["worker1", "worker2"]);
    const scores = record.scores!;
    expect(scores.nodes).toEqual(record.feasible);
    const fit = scores.plugins.find((p) => p.plugin === "NodeResourcesFit")!;
    expect(fit.weight).toBe(1);
    expect(fit.normalized).toHaveLength(2);
    // totals are Σ normalized × weight over the plugins that ran
    const expected = scores.nodes.map((_, i) =>
      scores.plugins.filter((p) => p.ran).reduce((t, p) => t + p.normalized[i]! * p.weight, 0),
    );
    expect(scores.totals).toEqual(expected);
    expect(record.message).toBeUndefined();
  });

  it("keeps the FailedScheduling message of an unschedulable pod, then forgets a deleted pod", () => {
    const lab = new LabCluster({ seed: "record-pending", now: T0 });
    lab.request("POST", "/api/v1/namespaces/default/pods", podManifest("stuck", "nginx", {}));
    lab.request("DELETE", "/api/v1/namespaces/default/pods/stuck");
    const manifest = podManifest("lonely");
    const spec = { ...manifest.spec, nodeSelector: { disk: "ssd" } };
    lab.request("POST", "/api/v1/namespaces/default/pods", { ...manifest, spec });
    const record = schedulingRecord(lab.state, "default", "lonely")!;
    const message =
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, " +
      "2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: " +
      "3 Preemption is not helpful for scheduling..";
    expect(record.message).toBe(message);
    expect(record.selectedNode).toBeUndefined();
    expect(record.feasible).toEqual([]);
    expect(record.rejected.map((r) => `${r.node}:${r.plugin}`).sort()).toEqual([
      "master1:TaintToleration",
      "worker1:NodeAffinity",
      "worker2:NodeAffinity",
    ]);
    const event = lab.eventsFor("lonely").find((e) => e.reason === "FailedScheduling")!;
    expect(event.message).toBe(message);
    // the deleted pod's record went in a later scheduler run
    expect(schedulingRecord(lab.state, "default", "stuck")).toBeUndefined();
    expect(Object.keys(schedulerMemory(lab.state).records)).not.toContain("default/stuck");

    lab.request("DELETE", "/api/v1/namespaces/default/pods/lonely");
    expect(schedulingRecord(lab.state, "default", "lonely")).toBeUndefined();
    expect(Object.keys(schedulerMemory(lab.state).records)).not.toContain("default/lonely");
  });

  it("does not hand a new pod the record of a deleted one with the same name", () => {
    const lab = new LabCluster({ seed: "record-uid", now: T0 });
    lab.request("POST", "/api/v1/namespaces/default/pods", podManifest("web"));
    const before = lab.state;
    const old = schedulingRecord(before, "default", "web")!;
    // same name, other uid: the stored record no longer applies
    const records = { "default/web": { ...old, uid: "00000000-0000-0000-0000-000000000000" } };
    const swapped = { ...before, scheduler: { ...schedulerMemory(before), records } };
    expect(schedulingRecord(swapped, "default", "web")).toBeUndefined();
  });

  it("survives persistence and keeps a fresh default cluster small", () => {
    const lab = new LabCluster({ seed: "record-persist", now: T0 });
    lab.request("POST", "/api/v1/namespaces/default/pods", podManifest("web"));
    const meta = JSON.parse(JSON.stringify(stateMeta(lab.state)));
    const restored = stateFromParts(meta, logRows(lab.state.store.log));
    expect(schedulingRecord(restored, "default", "web")).toEqual(
      schedulingRecord(lab.state, "default", "web"),
    );
    const fresh = new LabCluster({ seed: "record-size", now: T0 });
    const bytes = JSON.stringify(schedulerMemory(fresh.state)).length;
    // coredns' two pods went through the scheduler; their records stay a few KiB
    expect(Object.keys(schedulerMemory(fresh.state).records).length).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(8 * 1024);
  });
});
