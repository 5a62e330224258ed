import { describe, expect, it } from "vitest";
import type { JsonValue } from "../object";
import { createdFieldsV1 } from "./created-fields";
import { createdFieldsV1ByShape, shapeSignature } from "./created-shape";

const pod = (name: string, image: string, extra: Record<string, JsonValue> = {}): JsonValue => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, labels: { app: name }, creationTimestamp: "2026-01-01T00:00:00Z" },
  spec: { containers: [{ name: "web", image, ports: [{ containerPort: 80 }] }], ...extra },
});

const zero: JsonValue = { metadata: { creationTimestamp: null }, spec: { containers: null } };

describe("the shape a create's FieldsV1 follows", () => {
  it("is the same for objects that differ only in scalar values", () => {
    expect(shapeSignature(pod("a", "nginx"))).toBe(
      shapeSignature({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "b", labels: { app: 7 }, creationTimestamp: "x" },
        spec: { containers: [{ name: "web", image: "pause", ports: [{ containerPort: 80 }] }] },
      }),
    );
  });

  it("tells apart what the FieldsV1 shows: field names, nulls, list item keys", () => {
    const base = shapeSignature(pod("a", "nginx"));
    const otherLabel = {
      ...(pod("a", "nginx") as object),
      metadata: { name: "a", labels: { tier: "a" } },
    };
    expect(shapeSignature(otherLabel)).not.toBe(base);
    const nullTime = {
      ...(pod("a", "nginx") as object),
      metadata: { name: "a", labels: { app: "a" }, creationTimestamp: null },
    };
    expect(shapeSignature(nullTime)).not.toBe(base);
    const otherPort = pod("a", "nginx", {
      containers: [{ name: "web", image: "nginx", ports: [{ containerPort: 81 }] }],
    });
    expect(shapeSignature(otherPort)).not.toBe(base);
    const otherName = pod("a", "nginx", { containers: [{ name: "app", image: "nginx" }] });
    expect(shapeSignature(otherName)).not.toBe(base);
    // A field name holding the separators cannot collide with two fields.
    expect(shapeSignature({ "a;1:b": 1 })).not.toBe(shapeSignature({ a: 1, b: 1 }));
    expect(shapeSignature({ a: [] })).not.toBe(shapeSignature({ a: {} }));
    expect(shapeSignature({ a: {} })).not.toBe(shapeSignature({ a: "" }));
  });

  it("gives each object the walk's own FieldsV1, shared among objects of one shape", () => {
    const first = createdFieldsV1ByShape("Pod", zero, pod("a", "nginx"), false);
    const second = createdFieldsV1ByShape("Pod", zero, pod("b", "pause"), false);
    expect(first).toEqual(createdFieldsV1(zero, pod("a", "nginx"), false));
    expect(second).toBe(first);
    // The zero value's key and the status reset are part of the key.
    const other = createdFieldsV1ByShape("", { metadata: {} }, pod("c", "x"), false);
    expect(other).toEqual(createdFieldsV1({ metadata: {} }, pod("c", "x"), false));
    expect(other).not.toEqual(first);
    const withStatus = pod("d", "x", {}) as Record<string, JsonValue>;
    withStatus.status = { phase: "Pending" };
    const reset = createdFieldsV1ByShape("Pod", zero, withStatus, true);
    const kept = createdFieldsV1ByShape("Pod", zero, withStatus, false);
    expect(reset).toEqual(createdFieldsV1(zero, withStatus, true));
    expect(kept).toEqual(createdFieldsV1(zero, withStatus, false));
    expect(kept).not.toEqual(reset);
  });
});
