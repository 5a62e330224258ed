import { describe, expect, it } from "vitest";
import { check, fixtureInput } from "../testing/fixture";
import { gradePlacement } from "./placement-check";

describe("placement check", () => {
  const input = fixtureInput();

  it("passes when pods are on allowed nodes and spread over distinct nodes", () => {
    const v = gradePlacement(
      check("placement", {
        namespace: "team",
        selector: "app=web",
        onNodes: ["worker1", "worker2"],
        notOnNodes: ["master1"],
        distinctNodes: 2,
        minPods: 3,
      }),
      input,
    );
    expect(v.score).toBe(1);
    expect(v.feedback).toHaveLength(3);
    expect(v.feedback[2]).toBe("Pod(app=web): 서로 다른 노드 2개 (통과)");
    expect(Object.values(v.actual as Record<string, string>).sort()[0]).toMatch(/^worker[12]$/);
  });

  it("fails with the pods that are in the wrong place", () => {
    const v = gradePlacement(
      check("placement", {
        namespace: "team",
        selector: "app=web",
        onNodes: ["master1"],
        distinctNodes: 3,
      }),
      input,
    );
    expect(v.score).toBe(0);
    expect(v.feedback[0]).toMatch(/^Pod\(app=web\): 기대값 master1, 현재 web-\S+→worker[12]/);
    expect(v.feedback[1]).toBe("Pod(app=web): 서로 다른 노드 기대값 3개 이상, 현재 2개");
  });

  it("fails when too few pods are selected, and checks unscheduled pods", () => {
    const few = gradePlacement(
      check("placement", { namespace: "team", selector: "app=none" }),
      input,
    );
    expect(few.feedback).toEqual(["Pod(app=none): 기대값 1개 이상, 현재 0개"]);
    const bound = gradePlacement(
      check("placement", { namespace: "team", selector: "app=web", unscheduled: true }),
      input,
    );
    expect(bound.score).toBe(0);
    expect(bound.feedback[0]).toMatch(
      /^Pod\(app=web\): 기대값 미배치\(Pending\), 현재 배치됨: web-/,
    );
  });
});
