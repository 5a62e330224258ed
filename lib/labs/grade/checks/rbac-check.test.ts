import { describe, expect, it } from "vitest";
import { check, fixtureInput } from "../testing/fixture";
import { gradeRbac } from "./rbac-check";

describe("rbac check", () => {
  const input = fixtureInput();

  it("passes when the authorizer decides every row as written", () => {
    const v = gradeRbac(
      check("rbac", {
        serviceAccount: "team/app",
        matrix: [
          { verb: "list", resource: "pods", namespace: "team", allowed: true },
          { verb: "delete", resource: "pods", namespace: "team", allowed: false },
          { verb: "list", resource: "pods", namespace: "default", allowed: false },
        ],
      }),
      input,
    );
    expect(v.score).toBe(1);
    expect(v.feedback[0]).toBe(
      "can-i system:serviceaccount:team:app list pods (네임스페이스 team): yes (통과)",
    );
  });

  it("gives credit per row and says yes/no expected vs actual", () => {
    const v = gradeRbac(
      check("rbac", {
        serviceAccount: "team/app",
        matrix: [
          { verb: "get", resource: "pods", namespace: "team", allowed: true },
          { verb: "get", resource: "secrets", namespace: "team", allowed: true },
        ],
      }),
      input,
    );
    expect(v.score).toBe(0.5);
    expect(v.feedback[1]).toBe(
      "can-i system:serviceaccount:team:app get secrets (네임스페이스 team): 기대값 yes, 현재 no",
    );
    expect(v.actual).toEqual({
      "system:serviceaccount:team:app get pods (네임스페이스 team)": "yes",
      "system:serviceaccount:team:app get secrets (네임스페이스 team)": "no",
    });
  });

  it("decides for plain users and groups (system:masters may do anything)", () => {
    const v = gradeRbac(
      check("rbac", {
        user: "alice",
        groups: ["system:masters"],
        matrix: [{ verb: "delete", resource: "nodes", allowed: true }],
      }),
      input,
    );
    expect(v.score).toBe(1);
    const nobody = gradeRbac(
      check("rbac", {
        user: "bob",
        matrix: [{ verb: "delete", resource: "nodes", allowed: true }],
      }),
      input,
    );
    expect(nobody.feedback).toEqual(["can-i bob delete nodes: 기대값 yes, 현재 no"]);
  });
});
