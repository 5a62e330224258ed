import { describe, expect, it } from "vitest";
import { goMarshal, goQuote, goSharpV, goSprint, goTypeName } from "./go-value";

describe("goMarshal (encoding/json of a decoded value)", () => {
  it("sorts map keys as strings, integer-like keys included", () => {
    // Object.keys would list "9" and "10" first, in numeric order.
    const v = { b: 1, "10": "x", a: { z: null, "9": true }, "9": [] };
    expect(goMarshal(v)).toBe('{"10":"x","9":[],"a":{"9":true,"z":null},"b":1}');
  });

  it("escapes HTML and the line separators as Go does", () => {
    expect(goMarshal({ s: "<a href='x'>&\u2028" })).toBe(
      '{"s":"\\u003ca href=\'x\'\\u003e\\u0026\\u2028"}',
    );
  });

  it("indents like MarshalIndent and keeps empty maps and lists on one line", () => {
    expect(goMarshal({ a: [1, { b: {} }], c: [] }, "    ")).toBe(
      '{\n    "a": [\n        1,\n        {\n            "b": {}\n        }\n    ],\n    "c": []\n}',
    );
  });

  it("leaves out keys whose value is undefined, as JSON.stringify does", () => {
    expect(goMarshal({ a: undefined, b: 2 })).toBe('{"b":2}');
  });
});

describe("goSprint (fmt's %v)", () => {
  it("prints nil, maps with sorted keys and lists", () => {
    expect(goSprint(null)).toBe("<nil>");
    expect(goSprint({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%" } })).toBe(
      "map[rollingUpdate:map[maxSurge:25%] type:RollingUpdate]",
    );
    expect(goSprint([{ name: "a", ports: [80, 443] }, "b"])).toBe("[map[name:a ports:[80 443]] b]");
    expect(goSprint({})).toBe("map[]");
    expect(goSprint([])).toBe("[]");
  });

  it("prints int64 as decimal and float64 as the shortest %g", () => {
    expect(goSprint(1000000)).toBe("1000000");
    expect(goSprint(0.5)).toBe("0.5");
    expect(goSprint(1234567.5)).toBe("1.2345675e+06");
    expect(goSprint(0.00001)).toBe("1e-05");
    expect(goSprint(0.0001)).toBe("0.0001");
    expect(goSprint(true)).toBe("true");
  });
});

describe("goSharpV and goQuote (fmt's %#v, strconv.Quote)", () => {
  it("dumps a decoded object as Go prints it in kubectl's jsonpath errors", () => {
    expect(goSharpV({ b: [1, "x"], a: null, c: {} })).toBe(
      'map[string]interface {}{"a":interface {}(nil), "b":[]interface {}{1, "x"}, "c":map[string]interface {}{}}',
    );
  });

  it("quotes with Go's escapes", () => {
    expect(goQuote('a"b\\c\n\x01\x7f한')).toBe('"a\\"b\\\\c\\n\\x01\\x7f한"');
  });

  it("names Go types", () => {
    expect([{}, [], "s", 1, 0.5, true, null].map(goTypeName)).toEqual([
      "map[string]interface {}",
      "[]interface {}",
      "string",
      "int64",
      "float64",
      "bool",
      "interface {}",
    ]);
  });
});
