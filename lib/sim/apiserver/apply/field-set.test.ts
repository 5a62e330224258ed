import { describe, expect, it } from "vitest";
import { fromFieldsV1, fromPaths, paths, pathString, pe, toFieldsV1 } from "./field-set";

describe("field sets and FieldsV1", () => {
  it("encodes members with children as '.', leaves as {}", () => {
    const set = fromPaths([
      ["f:metadata", "f:labels"],
      ["f:metadata", "f:labels", "f:app"],
      ["f:spec", "f:containers", 'k:{"name":"web"}'],
      ["f:spec", "f:containers", 'k:{"name":"web"}', "f:image"],
      ["f:spec", "f:replicas"],
    ]);
    expect(toFieldsV1(set)).toEqual({
      "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
      "f:spec": {
        "f:containers": { 'k:{"name":"web"}': { ".": {}, "f:image": {} } },
        "f:replicas": {},
      },
    });
  });

  it("decodes what it encodes", () => {
    const json = {
      "f:data": { ".": {}, "f:a": {}, "f:b": {} },
      "f:metadata": { "f:finalizers": { ".": {}, 'v:"x"': {} } },
    };
    expect(toFieldsV1(fromFieldsV1(json))).toEqual(json);
  });

  it("iterates members before children, sorted, and prints paths like fieldpath.Path", () => {
    const set = fromPaths([
      ["f:spec", "f:template", "f:spec", "f:containers", pe.key({ name: "app" }), "f:image"],
      ["f:spec", "f:replicas"],
      ["f:metadata", "f:finalizers", pe.value("x")],
    ]);
    expect(paths(set).map(pathString)).toEqual([
      '.metadata.finalizers[="x"]',
      ".spec.replicas",
      '.spec.template.spec.containers[name="app"].image',
    ]);
    expect(pathString(["f:ports", pe.key({ protocol: "TCP", containerPort: 80 })])).toBe(
      '.ports[containerPort=80,protocol="TCP"]',
    );
  });
});
