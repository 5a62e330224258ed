import { describe, expect, it } from "vitest";
import { markEncoded } from "../apply/field-set";
import type { JsonObject, KubeObject } from "../object";
import { encodeObject } from "./codec";
import { storedJson, stringifyWithManagedFields } from "./managed-fields-json";

const tree = (): JsonObject =>
  markEncoded({ "f:count": {}, "f:source": { "f:component": {}, "f:host": {} }, "f:type": {} });

function event(fieldsV1: JsonObject, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: {
      name: "web.1",
      namespace: "default",
      annotations: { note: 'a "quoted" value\n' },
      managedFields: [
        {
          manager: "kubelet",
          operation: "Update",
          apiVersion: "v1",
          time: "2026-01-01T00:00:00Z",
          fieldsType: "FieldsV1",
          fieldsV1,
        },
      ],
      uid: "u-1",
    },
    reason: "Pulled",
    count: 1,
    eventTime: null,
    ...extra,
  } as KubeObject;
}

describe("stored JSON with the managed fields' shared trees", () => {
  it("writes exactly JSON.stringify's bytes, keys in the object's order", () => {
    const e = event(tree());
    expect(stringifyWithManagedFields(e, e.metadata)).toBe(JSON.stringify(e));
  });

  it("reuses a tree's JSON for every object holding it and stays exact", () => {
    const shared = tree();
    const a = event(shared);
    const b = event(shared, { reason: "Created", count: 2 });
    expect(stringifyWithManagedFields(a, a.metadata)).toBe(JSON.stringify(a));
    expect(stringifyWithManagedFields(b, b.metadata)).toBe(JSON.stringify(b));
  });

  it("writes entries as JSON.stringify does: undefined keys left out, mixed trees, subresource", () => {
    const e = event(tree());
    const entries = e.metadata.managedFields as unknown[];
    (entries[0] as Record<string, unknown>).skipped = undefined;
    entries.push({
      manager: "kube-scheduler",
      operation: "Update",
      apiVersion: "v1",
      fieldsType: "FieldsV1",
      fieldsV1: { "f:status": {} }, // built by a client: not a canonical tree
      subresource: "status",
    });
    entries.push({
      manager: "m",
      fieldsV1: markEncoded({ "f:spec": { ".": {} } }),
      subresource: "status",
    });
    expect(stringifyWithManagedFields(e, e.metadata)).toBe(JSON.stringify(e));
  });

  it("falls back to plain JSON when a stored value holds the marker string", () => {
    const e = event(tree(), { message: "\u0000kubelab managed fields\u0000" });
    expect(stringifyWithManagedFields(e, e.metadata)).toBe(JSON.stringify(e));
    const first = event(tree());
    first.metadata.annotations = { x: "\u0000kubelab managed fields\u0000" };
    expect(stringifyWithManagedFields(first, first.metadata)).toBe(JSON.stringify(first));
  });

  it("encodeObject leaves resourceVersion out, keeping the other keys' order", () => {
    const e = event(tree());
    e.metadata.resourceVersion = "42";
    const { resourceVersion: _rv, ...metadata } = e.metadata;
    void _rv;
    const encoded = encodeObject(e);
    expect(encoded).toBe(JSON.stringify({ ...e, metadata }));
    expect(encoded).not.toContain("resourceVersion");
    expect(JSON.parse(encoded).metadata.managedFields[0].fieldsV1).toEqual(tree());
  });

  it("objects without managed fields are plain JSON", () => {
    const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, data: { k: "v" } };
    expect(encodeObject(cm as KubeObject)).toBe(JSON.stringify(cm));
  });

  it("writes a spec kept from an earlier write as JSON.stringify does", () => {
    const spec = { containers: [{ name: "web", image: "nginx" }], nodeName: undefined };
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "a" }, spec, status: {} };
    expect(storedJson(pod, false)).toBe(JSON.stringify(pod));
    // A status write keeps the spec object: same bytes, with the new status.
    const next = {
      ...pod,
      metadata: { name: "a", resourceVersion: "7" },
      status: { phase: "Running" },
    };
    const { resourceVersion: _rv, ...metadata } = next.metadata;
    void _rv;
    expect(storedJson(next, true)).toBe(JSON.stringify({ ...next, metadata }));
    expect(storedJson(next, false)).toBe(JSON.stringify(next));
  });

  it("writes values JSON.stringify leaves out or writes as null like it does", () => {
    const odd = {
      metadata: { name: "a", skip: undefined, fn: () => 1 },
      spec: null,
      list: [undefined, () => 1],
      gone: undefined,
      when: new Date(0),
    };
    expect(storedJson(odd, false)).toBe(JSON.stringify(odd));
    const arraySpec = { metadata: {}, spec: ["x"] };
    expect(storedJson(arraySpec, true)).toBe(JSON.stringify(arraySpec));
  });
});
