import { describe, expect, it } from "vitest";
import { matcherSchema } from "../schema/matcher-schema";
import { fieldLine, matchValue, showValue } from "./match";

const m = (raw: Record<string, unknown>) => matcherSchema.parse(raw);

describe("matchers", () => {
  it.each([
    [{ equals: 5 }, 5, true],
    [{ equals: 5 }, "5", true],
    [{ equals: 5 }, 3, false],
    [{ notEquals: "a" }, "b", true],
    [{ notEquals: "a" }, undefined, false],
    [{ oneOf: ["worker1", "worker2"] }, "worker2", true],
    [{ oneOf: ["worker1", "worker2"] }, "master1", false],
    [{ contains: "x" }, ["a", "x"], true],
    [{ contains: "ssd" }, "disk=ssd", true],
    [{ contains: "x" }, ["a"], false],
    [{ regex: "^nginx:1\\.2[0-9]$" }, "nginx:1.25", true],
    [{ regex: "^nginx" }, { image: "nginx" }, false],
    [{ gt: 2 }, 3, true],
    [{ gte: 3 }, "3", true],
    [{ lt: 3 }, 3, false],
    [{ lte: 3 }, undefined, false],
    [{ exists: true }, 0, true],
    [{ exists: false }, undefined, true],
  ])("%j on %j → %s", (matcher, actual, ok) => {
    expect(matchValue(m(matcher), actual).ok).toBe(ok);
  });

  it("words expectations in Korean for feedback", () => {
    expect(fieldLine("spec.replicas", matchValue(m({ equals: 5 }), 3), 3)).toBe(
      "spec.replicas: 기대값 5, 현재 3",
    );
    expect(fieldLine("n", matchValue(m({ gte: 3 }), 1), 1)).toBe("n: 기대값 3 이상, 현재 1");
    expect(fieldLine("img", matchValue(m({ regex: "^a" }), "b"), "b")).toBe(
      'img: 기대값 /^a/ 와 일치, 현재 "b"',
    );
    expect(fieldLine("x", matchValue(m({ exists: true }), undefined), undefined)).toBe(
      "x: 기대값 (값 있음), 현재 (없음)",
    );
    expect(fieldLine("x", matchValue(m({ oneOf: [1, 2] }), 2), 2)).toBe("x: 2 (통과)");
    expect(showValue(["a", 1])).toBe('["a", 1]');
  });

  it("an equalsRef whose value could not be read never passes", () => {
    const ref = m({ equalsRef: { resource: "leases", name: "x", path: "spec.holderIdentity" } });
    expect(matchValue({ ...ref, refValue: null }, null).ok).toBe(false);
    expect(matchValue({ ...ref, refValue: "master2" }, "master2").ok).toBe(true);
  });

  it("the schema wants exactly one operator and a valid regex", () => {
    expect(matcherSchema.safeParse({}).success).toBe(false);
    expect(matcherSchema.safeParse({ equals: 1, gte: 1 }).success).toBe(false);
    const bad = matcherSchema.safeParse({ regex: "(" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["regex"]);
  });
});
