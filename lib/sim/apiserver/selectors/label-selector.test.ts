import { describe, expect, it } from "vitest";
import {
  parseLabelSelector,
  selectorMatches,
  selectorToString,
  SelectorParseError,
} from "./label-selector";

const matches = (sel: string, labels: Record<string, string>) =>
  selectorMatches(parseLabelSelector(sel), labels);

function parseError(sel: string): string {
  try {
    parseLabelSelector(sel);
  } catch (e) {
    if (e instanceof SelectorParseError) return e.message;
    throw e;
  }
  throw new Error(`parsed: ${sel}`);
}

describe("label selector strings", () => {
  it("parses every operator and matches like apimachinery", () => {
    const labels = { app: "web", tier: "front", n: "5" };
    expect(matches("app=web", labels)).toBe(true);
    expect(matches("app==web", labels)).toBe(true);
    expect(matches("app!=web", labels)).toBe(false);
    expect(matches("app!=api", labels)).toBe(true);
    expect(matches("missing!=x", labels)).toBe(true);
    expect(matches("tier in (front,back)", labels)).toBe(true);
    expect(matches("tier notin (front)", labels)).toBe(false);
    expect(matches("missing notin (front)", labels)).toBe(true);
    expect(matches("app", labels)).toBe(true);
    expect(matches("!app", labels)).toBe(false);
    expect(matches("!missing", labels)).toBe(true);
    expect(matches("app=web,tier=back", labels)).toBe(false);
    expect(matches("n>3", labels)).toBe(true);
    expect(matches("n<3", labels)).toBe(false);
    expect(matches("", labels)).toBe(true);
  });

  it("prints the canonical form sorted by key", () => {
    expect(selectorToString(parseLabelSelector("tier in (b,a), app=web, !old"))).toBe(
      "app=web,!old,tier in (a,b)",
    );
  });

  it("reports the real parse errors", () => {
    expect(parseError("app web")).toBe(
      "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt",
    );
    expect(parseError("app=web tier=x")).toBe("found 'tier', expected: ',' or 'end of string'");
    expect(parseError("app=web,")).toBe("found '', expected: identifier after ','");
    expect(parseError("tier in front")).toBe(
      "unable to parse requirement: found 'front' expected: '('",
    );
    expect(parseError("=x")).toBe("found '=', expected: !, identifier, or 'end of string'");
    // "()" is the set holding only the empty value, as upstream.
    expect(matches("app in ()", { app: "" })).toBe(true);
  });

  it("validates keys and values", () => {
    expect(parseError("app=bad value!")).toBe("found 'value', expected: ',' or 'end of string'");
    expect(parseError("-app=x")).toMatch(
      /^unable to parse requirement: <nil>: Invalid value: "-app": name part must consist of/,
    );
    expect(parseError("app=-x")).toMatch(
      /^unable to parse requirement: values\[0\]\[app\]: Invalid value: "-x": a valid label must be/,
    );
    expect(parseError("n>x")).toBe(
      "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer",
    );
  });
});
