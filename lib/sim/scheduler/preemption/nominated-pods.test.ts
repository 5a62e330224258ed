import { describe, expect, it } from "vitest";
import { Rng } from "../../random";
import type { Pod } from "../api-types";
import { newFramework } from "../framework/registry";
import { Snapshot } from "../framework/snapshot";
import { scheduleOne } from "../schedule-one";
import { makeNode, makePod } from "../testing/fixtures";

function place(snapshot: Snapshot, pod: Pod) {
  return scheduleOne({
    pod,
    framework: newFramework(),
    snapshot,
    rng: Rng.fromSeed("n"),
    cursor: { nextStartNodeIndex: 0 },
  });
}

describe("nominated pods", () => {
  it("keep the room preemption freed from pods of lower priority", () => {
    const nominated = makePod("urgent", {
      priority: 100,
      requests: { cpu: "2" },
      nominatedNodeName: "a",
    });
    const snapshot = new Snapshot({
      nodes: [makeNode("a", { cpu: "2" }), makeNode("b", { cpu: "1" })],
      pods: [nominated],
    });
    const low = place(snapshot, makePod("low", { priority: 0, requests: { cpu: "1" } }));
    expect(low.kind === "Scheduled" && low.nodeName).toBe("b");

    const higher = place(snapshot, makePod("higher", { priority: 500, requests: { cpu: "2" } }));
    expect(higher.kind === "Scheduled" && higher.nodeName).toBe("a");
  });

  it("are recorded by a successful preemption so the next pod does not take the node", () => {
    const snapshot = new Snapshot({
      nodes: [makeNode("a", { cpu: "2" })],
      pods: [makePod("victim", { nodeName: "a", priority: 0, requests: { cpu: "2" } })],
    });
    const preemptor = makePod("urgent", { priority: 100, requests: { cpu: "2" } });
    const outcome = place(snapshot, preemptor);
    expect(outcome.kind === "Unschedulable" && outcome.nominatedNodeName).toBe("a");
    expect(snapshot.nominatedPodsForNode("a").map((p) => p.name)).toEqual(["urgent"]);

    // The victim is deleted; a lower-priority pod must not take its place.
    snapshot.removePod("default/victim");
    const sneaky = place(snapshot, makePod("sneaky", { priority: 10, requests: { cpu: "1" } }));
    expect(sneaky.kind === "Unschedulable" && sneaky.message).toMatch(
      /^0\/1 nodes are available: 1 Insufficient cpu\./,
    );

    const retry = place(snapshot, { ...preemptor, status: { nominatedNodeName: "a" } });
    expect(retry.kind === "Scheduled" && retry.nodeName).toBe("a");
    expect(snapshot.nominatedPodsForNode("a")).toEqual([]);
  });

  it("report the reasons seen with the nominated pods counted", () => {
    const snapshot = new Snapshot({
      nodes: [makeNode("a", { cpu: "2", memory: "2Gi" })],
      pods: [
        makePod("running", { nodeName: "a", requests: { cpu: "1500m" } }),
        makePod("waiting", { priority: 100, requests: { memory: "1Gi" }, nominatedNodeName: "a" }),
      ],
    });
    const outcome = place(snapshot, makePod("p", { requests: { cpu: "1", memory: "1536Mi" } }));
    expect(outcome.kind === "Unschedulable" && outcome.message).toMatch(
      /^0\/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory\. /,
    );
  });
});

describe("stale nominations", () => {
  it("are cleared when preemption finds no candidate any more", () => {
    const snapshot = new Snapshot({
      nodes: [makeNode("a", { cpu: "1" })],
      pods: [makePod("blocker", { nodeName: "a", priority: 1000, requests: { cpu: "1" } })],
    });
    const pod = makePod("p", { priority: 10, requests: { cpu: "1" }, nominatedNodeName: "a" });
    snapshot.addNominatedPod(pod, "a");
    const outcome = place(snapshot, pod);
    expect(outcome.kind === "Unschedulable" && outcome.nominatedNodeName).toBe("");
    expect(snapshot.nominatedPodsForNode("a")).toEqual([]);
  });

  it("are kept when the pod may not preempt at all", () => {
    const snapshot = new Snapshot({ nodes: [makeNode("a", { cpu: "1" })] });
    const pod = makePod("p", { requests: { cpu: "2" }, spec: { preemptionPolicy: "Never" } });
    const outcome = place(snapshot, pod);
    expect(outcome.kind === "Unschedulable" && outcome.nominatedNodeName).toBeUndefined();
  });
});
