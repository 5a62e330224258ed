import { describe, expect, it } from "vitest";
import { drawParams, placeholdersIn, substitute } from "./params";
import type { LabParam } from "./schema/lab-schema";

const specs: Record<string, LabParam> = {
  ns: { type: "name", prefix: "team-" },
  replicas: { type: "int", min: 2, max: 4 },
  node: { type: "choice", values: ["worker1", "worker2"] },
};

describe("per-learner parameters", () => {
  it("are the same for the same learner and lab", () => {
    expect(drawParams("user-a", "lab", specs)).toEqual(drawParams("user-a", "lab", specs));
  });

  it("differ between learners (and between labs of one learner)", () => {
    const a = drawParams("user-a", "lab", specs);
    const b = drawParams("user-b", "lab", specs);
    expect(a.ns).not.toBe(b.ns);
    expect(drawParams("user-a", "other-lab", specs).ns).not.toBe(a.ns);
  });

  it("stay in range: DNS-1123 names, ints within bounds, one of the choices", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const p = drawParams(`u${i}`, "lab", specs);
      expect(p.ns).toMatch(/^team-[a-z2-9]{4}$/);
      expect(p.replicas).toBeGreaterThanOrEqual(2);
      expect(p.replicas).toBeLessThanOrEqual(4);
      expect(["worker1", "worker2"]).toContain(p.node);
      seen.add(p.replicas as number);
    }
    expect([...seen].sort()).toEqual([2, 3, 4]);
  });

  it("fill placeholders; a whole-string placeholder keeps the parameter's type", () => {
    const filled = substitute(
      {
        name: "{{ns}}",
        replicas: "{{replicas}}",
        text: "ns {{ ns }} ×{{replicas}}",
        list: ["{{node}}"],
        n: 1,
      },
      { ns: "team-abcd", replicas: 3, node: "worker1" },
    );
    expect(filled).toEqual({
      name: "team-abcd",
      replicas: 3,
      text: "ns team-abcd ×3",
      list: ["worker1"],
      n: 1,
    });
    expect(substitute("{{unknown}}", {})).toBe("{{unknown}}");
    expect([...placeholdersIn({ a: ["{{x}} {{y}}"], b: "{{x}}" })]).toEqual(["x", "y"]);
  });
});
