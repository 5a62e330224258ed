import { describe, expect, it } from "vitest";
import { fitErrorMessage, newDiagnosis, reasonsHistogram, scheduledMessage } from "./fit-error";
import { Code, Status } from "./framework/status";

describe("FitError message", () => {
  it("sorts '<count> <reason>' entries as strings, like Go's sort.Strings", () => {
    const statuses = new Map([
      ["a", new Status(Code.Unschedulable, ["Insufficient cpu", "Insufficient memory"])],
      ["b", new Status(Code.Unschedulable, ["Insufficient cpu"])],
      ["c", new Status(Code.UnschedulableAndUnresolvable, ["node(s) were unschedulable"])],
      ...Array.from(
        { length: 10 },
        (_, i) =>
          [
            `t${i}`,
            new Status(Code.UnschedulableAndUnresolvable, ["node(s) had untolerated taint {x: }"]),
          ] as const,
      ),
    ]);
    // "10 …" sorts before "2 …" as strings.
    expect(reasonsHistogram(statuses)).toBe(
      "1 Insufficient memory, 1 node(s) were unschedulable, 10 node(s) had untolerated taint {x: }, 2 Insufficient cpu",
    );
  });

  it("uses the PreFilter message instead of per-node reasons and appends PostFilter's", () => {
    const d = newDiagnosis();
    d.nodeToStatus.set("a", new Status(Code.UnschedulableAndUnresolvable, ["x"]));
    d.preFilterMsg = "pod affinity terms conflict";
    d.postFilterMsg = "preemption: not eligible due to preemptionPolicy=Never.";
    expect(fitErrorMessage(1, d)).toBe(
      "0/1 nodes are available: pod affinity terms conflict. preemption: not eligible due to preemptionPolicy=Never..",
    );
  });

  it("prints just the header when nothing was filtered", () => {
    expect(fitErrorMessage(0, newDiagnosis())).toBe("0/0 nodes are available:");
    expect(scheduledMessage("default", "web", "worker1")).toBe(
      "Successfully assigned default/web to worker1",
    );
  });
});
