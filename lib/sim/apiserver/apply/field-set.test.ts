import { describe, expect, it } from "vitest";
import type { JsonValue } from "../object";
import {
  difference,
  fieldElement,
  fromFieldsV1,
  fromPaths,
  isEncoded,
  paths,
  pathString,
  pe,
  sharedFieldsV1,
  toFieldsV1,
} from "./field-set";

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

describe("shared sets", () => {
  const a = fromPaths([
    ["f:spec", "f:replicas"],
    ["f:metadata", "f:labels", "f:app"],
  ]);

  it("difference returns the same set when it removes nothing, a smaller one otherwise", () => {
    expect(difference(a, fromPaths([["f:status", "f:phase"]]))).toBe(a);
    const less = difference(a, fromPaths([["f:spec", "f:replicas"]]));
    expect(less).not.toBe(a);
    expect(paths(less)).toEqual([["f:metadata", "f:labels", "f:app"]]);
    expect(paths(a)).toHaveLength(2);
  });

  it("encodes a set once and decodes its FieldsV1 back to it", () => {
    const json = toFieldsV1(a);
    expect(toFieldsV1(a)).toBe(json);
    expect(fromFieldsV1(json)).toBe(a);
    expect(paths(fromFieldsV1(JSON.parse(JSON.stringify(json))))).toEqual(paths(a));
  });
});

describe("sharedFieldsV1", () => {
  const kubeletStatus = () =>
    fromPaths([
      ["f:status", "f:phase"],
      ["f:status", "f:podIP"],
      ["f:status", "f:conditions", 'k:{"type":"Ready"}'],
      ["f:status", "f:conditions", 'k:{"type":"Ready"}', "f:status"],
    ]);

  it("gives equal sets built apart one tree, encoded as toFieldsV1 encodes it", () => {
    const a = kubeletStatus();
    const b = kubeletStatus();
    expect(a).not.toBe(b);
    const tree = sharedFieldsV1(a);
    expect(sharedFieldsV1(b)).toBe(tree);
    expect(toFieldsV1(b)).toBe(tree);
    expect(JSON.stringify(tree)).toBe(JSON.stringify(toFieldsV1(kubeletStatus())));
    expect(isEncoded(tree)).toBe(true);
  });

  it("never shares a tree between different sets, whatever their field names", () => {
    const one = sharedFieldsV1(fromPaths([["f:a"], ["f:b", "f:c"]]));
    const moved = sharedFieldsV1(fromPaths([["f:a", "f:b"], ["f:c"]]));
    // Names that would run together without the length prefixes.
    const joined = sharedFieldsV1(fromPaths([["f:af:b"]]));
    const split = sharedFieldsV1(fromPaths([["f:a"], ["f:b"]]));
    expect(new Set([one, moved, joined, split]).size).toBe(4);
    expect(JSON.stringify(moved)).toBe(JSON.stringify({ "f:a": { "f:b": {} }, "f:c": {} }));
  });
});

describe("a keyed list item's path element", () => {
  it("is k: and the key fields' JSON, sorted, whatever their number and values", () => {
    const sortedJson = (o: Record<string, unknown>) =>
      JSON.stringify(
        Object.fromEntries(
          Object.keys(o)
            .sort()
            .map((k) => [k, o[k]]),
        ),
      );
    const keys: Record<string, JsonValue>[] = [
      { name: "web" },
      { name: 'a "quoted"\n name' },
      { containerPort: 80 },
      { uid: { nested: [1, "x"] } },
      { type: null },
      { port: 80, protocol: "TCP" },
      { protocol: "UDP", containerPort: 53 },
    ];
    for (const k of keys) expect(pe.key(k)).toBe(`k:${sortedJson(k)}`);
    // A key field without a value is left out, as JSON.stringify leaves it out.
    const odd = { name: undefined } as unknown as Record<string, JsonValue>;
    expect(pe.key(odd)).toBe("k:{}");
  });
});

describe("fieldElement", () => {
  it("is `f:` + the name for every name, kept or not (past its bound)", () => {
    const names = [
      "name",
      "",
      "f:x",
      'quo"te',
      "é",
      ...Array.from({ length: 4_200 }, (_, i) => `k${i}`),
    ];
    for (let round = 0; round < 2; round++) {
      for (const name of names) {
        expect(fieldElement(name)).toBe(`f:${name}`);
        expect(pe.field(name)).toBe(`f:${name}`);
      }
    }
  });
});
