import { describe, expect, it } from "vitest";
import { compileLabelSelector } from "./label-matcher";
import { SchedulerError } from "./scheduler-error";

describe("compileLabelSelector (LabelSelectorAsSelector semantics)", () => {
  it("matches nothing for a missing selector and everything for an empty one", () => {
    expect(compileLabelSelector(undefined).matches({ a: "1" })).toBe(false);
    expect(compileLabelSelector(null).matchesNothing).toBe(true);
    expect(compileLabelSelector({}).matches(undefined)).toBe(true);
  });

  it("ANDs matchLabels and matchExpressions", () => {
    const m = compileLabelSelector({
      matchLabels: { app: "web" },
      matchExpressions: [
        { key: "tier", operator: "In", values: ["front", "edge"] },
        { key: "canary", operator: "DoesNotExist" },
        { key: "env", operator: "NotIn", values: ["prod"] },
        { key: "team", operator: "Exists" },
      ],
    });
    expect(m.matches({ app: "web", tier: "front", team: "a" })).toBe(true);
    expect(m.matches({ app: "web", tier: "front", team: "a", env: "dev" })).toBe(true);
    expect(m.matches({ app: "web", tier: "front", team: "a", env: "prod" })).toBe(false);
    expect(m.matches({ app: "web", tier: "back", team: "a" })).toBe(false);
    expect(m.matches({ app: "web", tier: "front", team: "a", canary: "" })).toBe(false);
    expect(m.matches({ app: "web", tier: "front" })).toBe(false);
  });

  it("rejects unknown operators with a typed error", () => {
    expect(() =>
      compileLabelSelector({
        matchExpressions: [{ key: "a", operator: "Gt" as never, values: ["1"] }],
      }),
    ).toThrow(SchedulerError);
  });
});
