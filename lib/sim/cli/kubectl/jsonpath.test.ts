import { describe, expect, it } from "vitest";
import { jsonpath, pathValues } from "./jsonpath";

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

  it("path values for --sort-by and custom-columns", () => {
    expect(pathValues(".metadata.name", list.items[1])).toEqual(["b"]);
    expect(pathValues("{.metadata.missing}", list.items[1])).toEqual([]);
  });

  it("index out of range is kubectl's error", () => {
    expect(() => jsonpath("{.items[5]}", list)).toThrow(/array index out of bounds/);
  });
});
