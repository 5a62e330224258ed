import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toGoYaml } from "./go-yaml";

describe("toGoYaml", () => {
  it("sorts keys, keeps list items at the parent's indentation and prints empty collections", () => {
    expect(toGoYaml({ spec: { b: [{ q: 1, p: "a" }], a: {} }, kind: "Pod", list: [] })).toBe(
      "kind: Pod\nlist: []\nspec:\n  a: {}\n  b:\n  - p: a\n    q: 1\n",
    );
  });

  it("quotes strings like go-yaml: double for look-alikes of other types, single for indicators", () => {
    const text = toGoYaml({
      a: "0",
      b: "",
      c: "true",
      d: "*",
      e: "a: b",
      f: "--flag=x",
      g: "10.96.0.10",
      h: "2026-11-26T05:01:53Z",
      i: "yes",
    });
    expect(text).toBe(
      `a: "0"\nb: ""\nc: "true"\nd: '*'\ne: 'a: b'\nf: --flag=x\ng: 10.96.0.10\nh: "2026-11-26T05:01:53Z"\ni: "yes"\n`,
    );
  });

  it("writes multi-line strings as literal blocks that read back unchanged", () => {
    const value = { data: { Corefile: ".:53 {\n    errors\n}\n", x: "a\nb" }, n: null };
    const text = toGoYaml(value);
    expect(text).toContain("  Corefile: |\n    .:53 {\n        errors\n    }\n");
    expect(text).toContain("  x: |-\n    a\n    b\n");
    expect(parse(text)).toEqual(value);
  });
});
