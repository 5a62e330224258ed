import { describe, expect, it } from "vitest";
import type { JsonValue } from "../object";
import { contentSignature, shapeSignature } from "./created-shape";
import { isAtomicObject } from "./list-types";
import { shapeOf } from "./typed-walk";

// The signature as first written (every field through the path and the recursive call): the
// faster walk must give exactly its strings, which key the shared FieldsV1 trees.
function reference(path: string[], v: JsonValue | undefined): string {
  if (v === null) return "n";
  if (typeof v !== "object") return "s";
  if (Array.isArray(v)) {
    const shape = shapeOf(path, v);
    if (shape.kind === "leaf") return shape.empty ? "E" : "A";
    let out = "[";
    for (const [el, item] of shape.entries) {
      path.push(el);
      out += `${el.length}:${el}${reference(path, item)},`;
      path.pop();
    }
    return out + "]";
  }
  let out = path.length > 0 && isAtomicObject(path) ? "T{" : "{";
  for (const k in v) {
    const child = v[k];
    if (child === undefined) continue;
    path.push(`f:${k}`);
    out += `${k.length}:${k}${reference(path, child)};`;
    path.pop();
  }
  return out + "}";
}

const objects: JsonValue[] = [
  {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", finalizers: ["a", "b"], labels: { "x/y": "1" }, annotations: {} },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" }, creationTimestamp: null },
        spec: {
          nodeSelector: { disk: "ssd" },
          containers: [
            {
              name: "web",
              image: "nginx",
              ports: [{ containerPort: 80 }, { containerPort: 53, protocol: "UDP" }],
              env: [{ name: "A", value: "1" }, { name: "B" }],
              args: ["--x", "--y"],
              resources: {},
            },
          ],
          tolerations: [{ key: "k", operator: "Exists" }],
          volumes: [],
          affinity: { nodeAffinity: { selector: { a: null } } },
        },
      },
      strategy: { rollingUpdate: { maxSurge: "25%" } },
    },
    status: { conditions: [{ type: "Available", status: "True" }], replicas: 3 },
  },
  {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "s", ownerReferences: [{ uid: "u1", name: "o" }] },
    spec: { ports: [{ port: 80 }, { port: 443, protocol: "TCP" }], selector: { app: "s" } },
  },
  { metadata: { finalizers: [1, true, null, "x"] }, data: { "1": "a", "": "b", "é:9": null } },
  { spec: { ports: [{ name: "x" }] }, items: [[1], [], {}], selector: null },
  { a: { b: { c: { d: [{ name: "n" }, { other: 1 }] } } }, conditions: [{ type: "X" }, {}] },
  { nested: { finalizers: ["x"], spec: { ports: [] } }, empty: {}, nothing: null },
];

describe("shape signatures", () => {
  it("are the reference walk's strings, for every kind of field and list", () => {
    for (const o of objects) expect(shapeSignature(o)).toBe(reference([], o));
    // And they differ where the objects' shapes do.
    const all = new Set(objects.map((o) => shapeSignature(o)));
    expect(all.size).toBe(objects.length);
  });

  it("leave out undefined fields as the reference does", () => {
    const o = { a: undefined, b: { c: undefined, d: 1 } } as unknown as JsonValue;
    expect(shapeSignature(o)).toBe(reference([], o));
    expect(shapeSignature(o)).toBe(shapeSignature({ b: { d: 2 } }));
  });

  it("of a stored object's content are read off the object without copying it", () => {
    const stored = [
      {
        apiVersion: "v1",
        kind: "Event",
        metadata: {
          name: "e",
          resourceVersion: "9",
          managedFields: [{ manager: "kubelet" }],
          labels: { a: "b" },
          skipped: undefined,
        },
        involvedObject: { kind: "Pod", name: "p" },
        count: 1,
        eventTime: null,
      },
      { metadata: { managedFields: [] }, spec: { selector: { matchLabels: { a: "b" } } } },
      { kind: "ConfigMap", metadata: {}, data: { k: "v" } },
      { metadata: { name: "only" }, status: { conditions: [{ type: "Ready" }] } },
    ];
    for (const obj of stored) {
      const {
        managedFields: _m,
        resourceVersion: _r,
        ...meta
      } = obj.metadata as Record<string, unknown>;
      void _m;
      void _r;
      const content = { ...obj, metadata: meta } as unknown as JsonValue;
      expect(contentSignature(obj)).toBe(shapeSignature(content));
    }
    expect(contentSignature(stored[0]!)).not.toBe(
      shapeSignature(stored[0] as unknown as JsonValue),
    );
  });
});
