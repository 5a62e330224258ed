import { describe, expect, it } from "vitest";
import { labSchema } from "../schema/lab-schema";
import { gradeLab } from "./grade-lab";
import { fixtureInput } from "./testing/fixture";

const lab = labSchema.parse({
  id: "demo",
  title: "데모",
  goal: "목표",
  learningGoal: 0,
  estimatedMinutes: 5,
  tasks: [
    {
      id: "web",
      title: "웹",
      instructions: "…",
      solution: [{ run: "kubectl get deploy" }],
      checks: [
        {
          id: "replicas",
          type: "object",
          description: "복제본",
          points: 4,
          resource: "deployments",
          group: "apps",
          namespace: "team",
          name: "web",
          fields: [
            { path: "spec.replicas", equals: 3 },
            { path: "metadata.name", equals: "web" },
            { path: "metadata.labels.tier", equals: "front" },
          ],
        },
        {
          id: "count",
          type: "count",
          description: "Pod 수",
          resource: "pods",
          namespace: "team",
          selector: "app=web",
          count: { equals: 3 },
        },
      ],
    },
    {
      id: "bad",
      title: "잘못된 셀렉터",
      instructions: "…",
      solution: [{ run: "kubectl get pods" }],
      checks: [
        {
          id: "sel",
          type: "count",
          description: "셀렉터",
          resource: "pods",
          selector: "app in (",
          count: { equals: 0 },
        },
        {
          id: "kind",
          type: "count",
          description: "없는 리소스",
          resource: "widgets",
          count: { equals: 0 },
        },
      ],
    },
  ],
});

describe("gradeLab", () => {
  const input = fixtureInput();

  it("sums points with partial credit and passes a task only when every check passes", () => {
    const g = gradeLab(lab, input);
    const replicas = g.results.find((r) => r.checkId === "replicas")!;
    expect(replicas).toMatchObject({
      passed: false,
      points: 2,
      max: 4,
      taskId: "web",
      type: "object",
    });
    expect(replicas.feedback[2]).toBe('metadata.labels.tier: 기대값 "front", 현재 (없음)');
    expect(g.results.find((r) => r.checkId === "count")).toMatchObject({ passed: true, points: 1 });
    expect(g.tasks[0]).toEqual({ taskId: "web", passed: false, points: 3, max: 5 });
    expect(g.score).toBe(3);
    expect(g.maxScore).toBe(7);
  });

  it("turns a bad selector or unknown resource into a failed check with the reason", () => {
    const g = gradeLab(lab, input);
    const bad = g.results.filter((r) => r.taskId === "bad");
    expect(bad.map((r) => r.passed)).toEqual([false, false]);
    expect(bad[0]!.feedback[0]).toMatch(/^셀렉터 오류: /);
    expect(bad[1]!.feedback).toEqual(["알 수 없는 리소스: widgets"]);
  });

  it("takes milliseconds", () => {
    gradeLab(lab, input);
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) gradeLab(lab, input);
    expect((performance.now() - t0) / 20).toBeLessThan(20);
  });
});
