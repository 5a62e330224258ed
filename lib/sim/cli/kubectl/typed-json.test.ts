import { describe, expect, it } from "vitest";
import { typedJson } from "./typed-json";

describe("typedJson", () => {
  it("writes a Deployment in Go's struct order (kubectl 1.28 create deployment --dry-run=client -o json)", () => {
    const text = typedJson({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { labels: { z: "1", app: "web" }, creationTimestamp: null, name: "web" },
      spec: {
        strategy: {},
        template: {
          spec: { containers: [{ resources: {}, image: "nginx", name: "nginx" }] },
          metadata: { labels: { app: "web" }, creationTimestamp: null },
        },
        selector: { matchLabels: { app: "web" } },
        replicas: 1,
      },
      status: {},
    });
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(["kind", "apiVersion", "metadata", "spec", "status"]);
    expect(Object.keys(parsed.metadata)).toEqual(["name", "creationTimestamp", "labels"]);
    // Maps stay sorted: labels are a Go map.
    expect(Object.keys(parsed.metadata.labels)).toEqual(["app", "z"]);
    expect(Object.keys(parsed.spec)).toEqual(["replicas", "selector", "template", "strategy"]);
    expect(Object.keys(parsed.spec.template)).toEqual(["metadata", "spec"]);
    expect(Object.keys(parsed.spec.template.spec.containers[0])).toEqual([
      "name",
      "image",
      "resources",
    ]);
  });

  it("keeps keys the table does not know (sorted, after the known ones) and escapes like Go", () => {
    const parsed = JSON.parse(
      typedJson({
        kind: "Secret",
        metadata: { name: "s", zz: { b: 1, a: 2 } },
        type: "<x>",
        data: {},
      }),
    );
    expect(Object.keys(parsed)).toEqual(["kind", "metadata", "data", "type"]);
    // A zero metav1.Time is still written (no omitempty on a struct): null.
    expect(Object.keys(parsed.metadata)).toEqual(["name", "creationTimestamp", "zz"]);
    expect(parsed.metadata.creationTimestamp).toBeNull();
    expect(Object.keys(parsed.metadata.zz)).toEqual(["a", "b"]);
    expect(typedJson({ kind: "ConfigMap", data: { a: "<&>" } })).toContain("\\u003c\\u0026\\u003e");
    // Go escapes the JavaScript line terminators too; JSON.stringify keeps them raw.
    expect(typedJson({ kind: "ConfigMap", data: { a: "x\u2028y\u2029" } })).toContain(
      '"a": "x\\u2028y\\u2029"',
    );
  });

  it("orders a List and the items of a typed XList by the items' own type", () => {
    const list = JSON.parse(
      typedJson({
        kind: "PodList",
        apiVersion: "v1",
        items: [{ status: {}, spec: {}, metadata: { namespace: "d", name: "p" } }],
        metadata: { resourceVersion: "1" },
      }),
    );
    expect(Object.keys(list)).toEqual(["kind", "apiVersion", "metadata", "items"]);
    expect(Object.keys(list.items[0])).toEqual(["metadata", "spec", "status"]);
    expect(Object.keys(list.items[0].metadata)).toEqual(["name", "namespace", "creationTimestamp"]);
  });
});
