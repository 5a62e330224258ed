import { describe, expect, it } from "vitest";
import { check, fixtureInput } from "../testing/fixture";
import { gradeObject } from "./object-check";

describe("object check", () => {
  const input = fixtureInput();

  it("passes when the object exists and every field matches", () => {
    const v = gradeObject(
      check("object", {
        resource: "deployments",
        group: "apps",
        namespace: "team",
        name: "web",
        fields: [
          { path: "spec.replicas", equals: 3 },
          { path: "spec.template.spec.containers[0].image", regex: "^nginx:1\\.25$" },
        ],
      }),
      input,
    );
    expect(v.score).toBe(1);
    expect(v.feedback).toEqual([
      "spec.replicas: 3 (통과)",
      'spec.template.spec.containers[0].image: "nginx:1.25" (통과)',
    ]);
    expect(v.actual).toEqual({
      "spec.replicas": 3,
      "spec.template.spec.containers[0].image": "nginx:1.25",
    });
  });

  it("gives partial credit and field-level feedback with expected and actual", () => {
    const v = gradeObject(
      check("object", {
        resource: "deployments",
        group: "apps",
        namespace: "team",
        name: "web",
        fields: [
          { path: "spec.replicas", equals: 5 },
          { path: "metadata.name", equals: "web" },
        ],
      }),
      input,
    );
    expect(v.score).toBe(0.5);
    expect(v.feedback[0]).toBe("spec.replicas: 기대값 5, 현재 3");
    expect(v.expected).toEqual({ "spec.replicas": 5, "metadata.name": "web" });
  });

  it("fails for a missing object, naming it", () => {
    const v = gradeObject(
      check("object", { resource: "configmaps", namespace: "team", name: "nope" }),
      input,
    );
    expect(v.score).toBe(0);
    expect(v.feedback).toEqual(['configmaps "nope" (네임스페이스 team): 찾을 수 없습니다']);
    expect(v.actual).toEqual({ exists: false });
  });

  it("absent: passes when gone, fails while it is still there", () => {
    const gone = check("object", {
      resource: "configmaps",
      namespace: "team",
      name: "nope",
      absent: true,
    });
    expect(gradeObject(gone, input).score).toBe(1);
    const there = gradeObject(
      check("object", {
        resource: "configmaps",
        namespace: "team",
        name: "settings",
        absent: true,
      }),
      input,
    );
    expect(there.score).toBe(0);
    expect(there.feedback).toEqual([
      'configmaps "settings" (네임스페이스 team): 아직 있습니다 (없어야 합니다)',
    ]);
  });

  it("compares with a value read from another object (equalsRef)", () => {
    const ref = {
      resource: "deployments",
      group: "apps",
      namespace: "team",
      name: "web",
      path: "spec.template.spec.containers[0].image",
      capture: "^nginx:(.*)$",
    };
    const ok = gradeObject(
      check("object", {
        resource: "configmaps",
        namespace: "team",
        name: "settings",
        fields: [
          {
            path: "data.count",
            equalsRef: {
              resource: "deployments",
              group: "apps",
              namespace: "team",
              name: "web",
              path: "status.readyReplicas",
            },
          },
        ],
      }),
      input,
    );
    expect(ok.feedback).toEqual(['data.count: 기대값 3, 현재 "7"']);
    const missing = gradeObject(
      check("object", {
        resource: "configmaps",
        namespace: "team",
        name: "settings",
        fields: [{ path: "data.mode", equalsRef: { ...ref, name: "gone" } }],
      }),
      input,
    );
    expect(missing.feedback).toEqual([
      'data.mode: 기대값 (클러스터에서 기준값을 읽지 못함), 현재 "fast"',
    ]);
    const bad = gradeObject(
      check("object", {
        resource: "configmaps",
        namespace: "team",
        name: "settings",
        fields: [{ path: "data.mode", equalsRef: ref }],
      }),
      input,
    );
    expect(bad.feedback).toEqual(['data.mode: 기대값 "1.25", 현재 "fast"']);
    const same = gradeObject(
      check("object", {
        resource: "configmaps",
        namespace: "team",
        name: "settings",
        fields: [
          {
            path: "data.mode",
            equalsRef: {
              resource: "configmaps",
              namespace: "team",
              name: "settings",
              path: "data.mode",
            },
          },
        ],
      }),
      input,
    );
    expect(same.score).toBe(1);
  });
});
