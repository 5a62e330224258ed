import { describe, expect, it } from "vitest";
import { check, fixtureInput } from "../testing/fixture";
import { gradeCount } from "./count-check";

describe("count check", () => {
  const input = fixtureInput();

  it("counts objects by label and field selector", () => {
    const v = gradeCount(
      check("count", {
        resource: "pods",
        namespace: "team",
        selector: "app=web",
        fieldSelector: "status.phase=Running",
        count: { equals: 3 },
      }),
      input,
    );
    expect(v.score).toBe(1);
    expect(v.actual).toBe(3);
    expect(v.feedback).toEqual([
      "pods (네임스페이스 team) -l app=web --field-selector status.phase=Running 개수: 3 (통과)",
    ]);
  });

  it("fails with expected and actual counts", () => {
    const v = gradeCount(
      check("count", {
        resource: "pods",
        namespace: "team",
        selector: "app=web",
        count: { gte: 5 },
      }),
      input,
    );
    expect(v.score).toBe(0);
    expect(v.feedback).toEqual(["pods (네임스페이스 team) -l app=web 개수: 기대값 5 이상, 현재 3"]);
    expect(v.expected).toEqual({ gte: 5 });
  });

  it("counts only objects whose fields match (where)", () => {
    const v = gradeCount(
      check("count", {
        resource: "pods",
        namespace: "team",
        where: [{ path: "spec.nodeName", equals: "master1" }],
        count: { equals: 0 },
      }),
      input,
    );
    expect(v.score).toBe(1);
  });

  it("reports a bad selector as a failed check, not a crash", () => {
    expect(() =>
      gradeCount(
        check("count", { resource: "pods", selector: "a in (", count: { equals: 0 } }),
        input,
      ),
    ).toThrow(/셀렉터 오류/);
  });
});
