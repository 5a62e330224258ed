import { describe, expect, it } from "vitest";
import { Rng } from "../../random";
import type { Pod } from "../api-types";
import { podInfoOf } from "../framework/pod-info";
import { newFramework } from "../framework/registry";
import { Snapshot } from "../framework/snapshot";
import { scheduleOne } from "../schedule-one";
import { makeNode, makePod } from "../testing/fixtures";
import { pickOneNodeForPreemption } from "./pick-node";

const cpuPod = (
  name: string,
  nodeName: string,
  priority: number,
  cpu = "1",
  startTime = "2024-01-01T00:00:00Z",
) => makePod(name, { nodeName, priority, requests: { cpu }, startTime });

function schedule(
  pods: Pod[],
  incoming: Pod,
  nodes = [makeNode("a", { cpu: "3" }), makeNode("b", { cpu: "3" })],
) {
  const snapshot = new Snapshot({ nodes, pods });
  return scheduleOne({
    pod: incoming,
    framework: newFramework(),
    snapshot,
    rng: Rng.fromSeed("preempt"),
    cursor: { nextStartNodeIndex: 0 },
  });
}

describe("DefaultPreemption", () => {
  it("evicts the fewest, least important pods and nominates their node", () => {
    const pods = [
      cpuPod("a-low", "a", 1),
      cpuPod("a-mid", "a", 2),
      cpuPod("a-high", "a", 5),
      cpuPod("b-1", "b", 100),
      cpuPod("b-2", "b", 100),
      cpuPod("b-3", "b", 100),
    ];
    const outcome = schedule(pods, makePod("urgent", { priority: 10, requests: { cpu: "1" } }));
    expect(outcome.kind).toBe("Unschedulable");
    if (outcome.kind !== "Unschedulable") return;
    expect(outcome.nominatedNodeName).toBe("a");
    expect(outcome.victims.map((v) => v.name)).toEqual(["a-low"]);
    // Preemption succeeded: the message has no "preemption:" part.
    expect(outcome.message).toBe("0/2 nodes are available: 2 Insufficient cpu.");
    expect(outcome.record.preemption).toEqual({
      nominatedNodeName: "a",
      victims: ["default/a-low"],
    });
  });

  it("takes as many victims as needed, lowest priority first", () => {
    const pods = [cpuPod("a1", "a", 1), cpuPod("a2", "a", 2), cpuPod("a3", "a", 3)];
    const outcome = schedule(pods, makePod("big", { priority: 10, requests: { cpu: "2" } }), [
      makeNode("a", { cpu: "3" }),
    ]);
    expect(outcome.kind === "Unschedulable" && outcome.victims.map((v) => v.name)).toEqual([
      "a2",
      "a1",
    ]);
  });

  it("never evicts pods of equal or higher priority", () => {
    const pods = [cpuPod("a1", "a", 10), cpuPod("a2", "a", 10), cpuPod("a3", "a", 10)];
    const outcome = schedule(pods, makePod("p", { priority: 10, requests: { cpu: "1" } }), [
      makeNode("a", { cpu: "3" }),
    ]);
    expect(outcome.kind === "Unschedulable" && outcome.message).toBe(
      "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: " +
        "1 No preemption victims found for incoming pod..",
    );
  });

  it("reports the filter that still fails after removing every lower-priority pod", () => {
    const pods = [cpuPod("a1", "a", 1)];
    const outcome = schedule(pods, makePod("huge", { priority: 10, requests: { cpu: "8" } }), [
      makeNode("a", { cpu: "3" }),
    ]);
    expect(outcome.kind === "Unschedulable" && outcome.message).toBe(
      "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu..",
    );
  });
});

describe("pickOneNodeForPreemption", () => {
  const v = (priority: number, start = "2024-01-01T00:00:00Z") =>
    podInfoOf(makePod(`v${priority}-${start}-${Math.random()}`, { priority, startTime: start }));

  it("prefers the lowest highest-priority victim, then the lowest sum, then fewest victims", () => {
    expect(
      pickOneNodeForPreemption([
        { nodeName: "x", victims: [v(5)] },
        { nodeName: "y", victims: [v(3), v(3)] },
      ])!.nodeName,
    ).toBe("y");
    expect(
      pickOneNodeForPreemption([
        { nodeName: "x", victims: [v(3), v(2)] },
        { nodeName: "y", victims: [v(3), v(1)] },
      ])!.nodeName,
    ).toBe("y");
    expect(
      pickOneNodeForPreemption([
        { nodeName: "x", victims: [v(3), v(3)] },
        { nodeName: "y", victims: [v(3)] },
      ])!.nodeName,
    ).toBe("y");
  });

  it("then prefers the node whose most important victims started last", () => {
    expect(
      pickOneNodeForPreemption([
        { nodeName: "old", victims: [v(3, "2024-01-01T00:00:00Z")] },
        { nodeName: "new", victims: [v(3, "2024-01-02T00:00:00Z")] },
      ])!.nodeName,
    ).toBe("new");
  });
});
