import { describe, expect, it } from "vitest";
import { jsonpath, jsonpathAsJson, pathValues } from "./jsonpath";

const list = {
  items: [
    { metadata: { name: "a" }, status: { conditions: [{ type: "Ready", status: "True" }] } },
    { metadata: { name: "b" }, status: { conditions: [{ type: "Ready", status: "False" }] } },
  ],
};

describe("kubectl JSONPath", () => {
  it("fields, wildcards, indexes and filters", () => {
    expect(jsonpath("{.items[*].metadata.name}", list)).toBe("a b");
    expect(jsonpath("{.items[0].metadata.name}", list)).toBe("a");
    expect(jsonpath("{.items[-1].metadata.name}", list)).toBe("b");
    expect(jsonpath('{.items[?(@.metadata.name=="b")].status.conditions[0].status}', list)).toBe(
      "False",
    );
    expect(jsonpath("{..name}", list)).toBe("a b");
  });

  it("escaped dots in field names", () => {
    const o = { metadata: { annotations: { "deployment.kubernetes.io/revision": "2" } } };
    expect(jsonpath("{.metadata.annotations.deployment\\.kubernetes\\.io/revision}", o)).toBe("2");
  });

  it("range/end and literals", () => {
    expect(
      jsonpath(
        '{range .items[*]}{.metadata.name}{"\\t"}{.status.conditions[0].type}{"\\n"}{end}',
        list,
      ),
    ).toBe("a\tReady\nb\tReady\n");
  });

  it("a JSON null prints as Go's <nil>; maps as encoding/json with sorted keys", () => {
    const d = {
      spec: { template: { metadata: { labels: { b: "2", a: "1" }, creationTimestamp: null } } },
    };
    expect(jsonpath("{.spec.template.metadata.creationTimestamp}", d)).toBe("<nil>");
    expect(jsonpath("{.spec.template.metadata}", d)).toBe(
      '{"creationTimestamp":null,"labels":{"a":"1","b":"2"}}',
    );
  });

  it("range is a prefix keyword, as in client-go's parser", () => {
    expect(jsonpath("{range.items[*]}{.metadata.name}{end}", list)).toBe("ab");
  });

  it("jsonpath-as-json: one indented array per template node", () => {
    expect(jsonpathAsJson("{.items[*].metadata.name}", list)).toBe('[\n    "a",\n    "b"\n]\n');
    expect(jsonpathAsJson('{range .items[*]}{.metadata.name}{"-"}{end}', list)).toBe(
      '[\n    "a"\n]\n[\n    "-"\n]\n[\n    "b"\n]\n[\n    "-"\n]\n',
    );
    expect(jsonpathAsJson("{.items[*].missing}", list)).toBe("[]\n");
  });

  it("list bounds as client-go's evalArray checks them", () => {
    const names = { a: [1, 2, 3] };
    expect(jsonpath("{.a[-1]}", names)).toBe("3");
    expect(jsonpath("{.a[1:]}", names)).toBe("2 3");
    expect(jsonpath("{.a[2:2]}", names)).toBe("");
    expect(() => pathValues("{.a[0:5]}", names)).toThrow(
      "array index out of bounds: index 4, length 3",
    );
    expect(() => pathValues("{.a[2:1]}", names)).toThrow(
      "starting index 2 is greater than ending index 1",
    );
    expect(() => pathValues("{.a[-5]}", names)).toThrow(
      "array index out of bounds: index -2, length 3",
    );
    expect(() => pathValues("{.b[0]}", { b: "x" })).toThrow("string is not array or slice");
  });

  it("prints text outside braces as it is, and dumps the object on an execution error", () => {
    expect(jsonpath(".a.b", { a: { b: 1 } })).toBe(".a.b");
    expect(() => jsonpath("{.a[3]}", { a: [] })).toThrow(
      'error: error executing jsonpath "{.a[3]}": Error executing template: array index out of bounds: index 3, length 0. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.a[3]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"a":[]interface {}{}}\n\n\n',
    );
  });

  it("path values for --sort-by and custom-columns", () => {
    expect(pathValues(".metadata.name", list.items[1])).toEqual(["b"]);
    expect(pathValues("{.metadata.missing}", list.items[1])).toEqual([]);
  });

  it("index out of range is kubectl's error", () => {
    expect(() => jsonpath("{.items[5]}", list)).toThrow(/array index out of bounds/);
  });

  it("quoted literals follow Go's strconv: control characters kept, bad escapes rejected", () => {
    const o = { a: "x" };
    // A literal tab (not the \t escape) is kept as is.
    expect(jsonpath('{.a}{"\t"}{.a}', o)).toBe("x\tx");
    expect(jsonpath(String.raw`{.a}{'\u00e9\x41\101\t'}`, o)).toBe("x\u00e9AA\t");
    expect(jsonpath(`{"it's"}`, o)).toBe("it's");
    expect(() => jsonpath(String.raw`{"\q"}`, o)).toThrow(
      String.raw`error: error parsing jsonpath {"\q"}, unquote string "\q" error invalid syntax`,
    );
    // Inside double quotes an escaped single quote is a syntax error in Go.
    expect(() => jsonpath(String.raw`{"\'"}`, o)).toThrow("unquote string");
    expect(() => jsonpath('{"a\nb"}', o)).toThrow(
      'error: error parsing jsonpath {"a\nb"}, unterminated quoted string',
    );
  });
});
