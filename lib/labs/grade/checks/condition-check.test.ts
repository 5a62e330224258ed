import { describe, expect, it } from "vitest";
import { check, fixtureInput } from "../testing/fixture";
import { gradeCondition } from "./condition-check";

describe("condition check", () => {
  const input = fixtureInput();

  it("passes when every selected object reports the condition", () => {
    const v = gradeCondition(
      check("condition", {
        resource: "pods",
        namespace: "team",
        selector: "app=web",
        condition: "Ready",
        minObjects: 3,
      }),
      input,
    );
    expect(v.score).toBe(1);
    expect(v.feedback).toHaveLength(3);
    expect(v.feedback[0]).toMatch(/^pods \(네임스페이스 team\) web-\S+: Ready=True \(통과\)$/);
  });

  it("fails with the condition's actual status and reason", () => {
    const v = gradeCondition(
      check("condition", {
        resource: "deployments",
        group: "apps",
        namespace: "team",
        name: "web",
        condition: "Available",
        status: "False",
      }),
      input,
    );
    expect(v.score).toBe(0);
    expect(v.feedback).toEqual([
      'deployments.apps "web" (네임스페이스 team): 기대값 Available=False, 현재 Available=True (MinimumReplicasAvailable)',
    ]);
  });

  it("fails for a missing object or a missing condition", () => {
    expect(
      gradeCondition(
        check("condition", { resource: "pods", namespace: "team", name: "x", condition: "Ready" }),
        input,
      ).feedback,
    ).toEqual(['pods "x" (네임스페이스 team): 찾을 수 없습니다']);
    const none = gradeCondition(
      check("condition", { resource: "nodes", name: "worker1", condition: "Bogus" }),
      input,
    );
    expect(none.feedback).toEqual(['nodes "worker1": 기대값 Bogus=True, 현재 (Bogus 조건 없음)']);
  });
});
