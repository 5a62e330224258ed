import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { markEncoded } from "../apply/field-set";
import type { JsonObject, KubeObject } from "../object";
import { encodeObject } from "./codec";
import { keepSpecJsonWithKey, storedJson, stringifyWithManagedFields } from "./managed-fields-json";

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

  it("writes a bound spec from the stored spec's JSON plus nodeName, exactly", () => {
    const specs: Record<string, unknown>[] = [
      { containers: [{ name: "web", image: "nginx" }], dnsPolicy: "ClusterFirst" },
      {},
      { gone: undefined },
      { "1": "index first", tolerations: [] },
    ];
    for (const spec of specs) {
      const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "a" }, spec };
      expect(storedJson(pod, false)).toBe(JSON.stringify(pod));
      for (const node of ["worker1", 'quote"d', undefined]) {
        const bound = Object.assign({}, spec, { nodeName: node });
        keepSpecJsonWithKey(spec, bound, "nodeName");
        const next = { ...pod, spec: bound, status: { phase: "Pending" } };
        const stringify = vi.spyOn(JSON, "stringify");
        const json = storedJson(next, false);
        // The bound spec itself was not stringified again.
        expect(stringify.mock.calls.some(([v]) => v === bound)).toBe(false);
        stringify.mockRestore();
        expect(json).toBe(JSON.stringify(next));
      }
    }
  });

  it("keeps nothing for a key the spec already holds or an index key", () => {
    const spec = { nodeName: "", containers: [] };
    const pod = { metadata: { name: "a" }, spec };
    storedJson(pod, false);
    // Object.assign overwrites nodeName in its place: the spec is written afresh, exactly.
    const bound = Object.assign({}, spec, { nodeName: "worker1" });
    keepSpecJsonWithKey(spec, bound, "nodeName");
    const next = { ...pod, spec: bound };
    expect(storedJson(next, false)).toBe(JSON.stringify(next));
    const indexed = Object.assign({}, spec, { "7": "x" });
    keepSpecJsonWithKey(spec, indexed, "7");
    const withIndex = { ...pod, spec: indexed };
    expect(storedJson(withIndex, false)).toBe(JSON.stringify(withIndex));
    // A spec whose JSON was never made: nothing to extend, written afresh.
    const fresh = { containers: [] };
    const freshBound = Object.assign({}, fresh, { nodeName: "w" });
    keepSpecJsonWithKey(fresh, freshBound, "nodeName");
    const freshPod = { metadata: {}, spec: freshBound };
    expect(storedJson(freshPod, false)).toBe(JSON.stringify(freshPod));
  });

  it("writes objects whose first member JSON.stringify leaves out, at every level", () => {
    const entries = [
      { skipped: undefined, manager: "m", fieldsV1: markEncoded({ "f:spec": {} }) },
      { gone: () => 1, fieldsV1: tree() },
      { nothing: undefined, fieldsV1: undefined, also: Symbol("s") },
    ];
    const pod = {
      first: undefined,
      metadata: { lost: undefined, name: "a", managedFields: entries },
      spec: { containers: [] },
      status: { phase: "Pending" },
    };
    expect(storedJson(pod, false)).toBe(JSON.stringify(pod));
    const empty = { skip: undefined, metadata: { gone: undefined }, spec: {} };
    expect(storedJson(empty, true)).toBe(JSON.stringify(empty));
  });

  it("writes member names beyond its kept openings exactly (custom resources' own names)", () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 700; i++) {
        const obj = {
          [`field${i}`]: i,
          metadata: { [`m${i}"q`]: "x", managedFields: [{ [`k${i}`]: 1, fieldsV1: tree() }] },
          spec: { i },
        };
        expect(storedJson(obj, true)).toBe(JSON.stringify(obj));
      }
    }
  });
});

describe("stored JSON of objects without a spec (Events, Leases): the metadata written in place", () => {
  const withoutVersion = (obj: { metadata: object }) => {
    const { resourceVersion: _rv, ...metadata } = obj.metadata as Record<string, unknown>;
    void _rv;
    return JSON.stringify({ ...obj, metadata });
  };

  // Values that collide with the metadata's marker ("metadata":0) or that JSON.stringify writes
  // specially, anywhere in the object.
  const odd = fc.constantFrom<unknown>(
    { metadata: 0 },
    { metadata: 0.5 },
    [{ metadata: 0 }],
    '"metadata":0',
    undefined,
    null,
    -0,
    "\u0000",
  );
  const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), odd);
  const fieldsV1 = fc
    .dictionary(
      fc.constantFrom("f:count", "f:reason", "f:source", "f:type"),
      fc.constant({} as JsonObject),
    )
    .map((t) => markEncoded(t as JsonObject));
  const entry = fc.oneof(
    fc.record(
      {
        manager: fc.string(),
        operation: fc.constant("Update"),
        apiVersion: fc.constant("v1"),
        time: fc.string(),
        fieldsType: fc.constant("FieldsV1"),
        fieldsV1,
        subresource: fc.option(fc.string(), { nil: undefined }),
      },
      { requiredKeys: ["fieldsV1"] },
    ),
    fc.record({ manager: fc.string(), fieldsV1: fc.jsonValue({ maxDepth: 1 }) }),
    odd,
  );
  const metadata = fc
    .tuple(
      fc.dictionary(fc.string({ maxLength: 6 }), value, { maxKeys: 4 }),
      fc.array(entry, { minLength: 1, maxLength: 3 }),
      fc.option(fc.string(), { nil: undefined }),
      fc.nat(6),
      fc.nat(6),
    )
    .map(([rest, entries, rv, at, rvAt]) => {
      const keys = Object.entries(rest).filter(
        ([k]) => k !== "managedFields" && k !== "resourceVersion",
      );
      keys.splice(Math.min(at, keys.length), 0, ["managedFields", entries]);
      if (rv !== undefined) keys.splice(Math.min(rvAt, keys.length), 0, ["resourceVersion", rv]);
      return Object.fromEntries(keys) as Record<string, unknown>;
    });
  const object = fc
    .tuple(fc.dictionary(fc.string({ maxLength: 6 }), value, { maxKeys: 6 }), metadata, fc.nat(7))
    .map(([rest, meta, at]) => {
      const keys = Object.entries(rest).filter(([k]) => k !== "metadata" && k !== "spec");
      keys.splice(Math.min(at, keys.length), 0, ["metadata", meta]);
      return Object.fromEntries(keys) as { metadata: Record<string, unknown> };
    });

  it("writes exactly JSON.stringify's bytes, with and without resourceVersion", () => {
    fc.assert(
      fc.property(object, (obj) => {
        expect(storedJson(obj, false)).toBe(JSON.stringify(obj));
        expect(storedJson(obj, true)).toBe(withoutVersion(obj));
      }),
      { numRuns: 2000 },
    );
  });

  it("writes an object holding the marker elsewhere key by key, exactly", () => {
    for (const extra of [{ metadata: 0 }, { metadata: 0.25 }, [{ metadata: 0 }]]) {
      const before = event(tree());
      const first = { involvedObject: extra, ...before };
      const last = { ...before, involvedObject: extra };
      for (const obj of [first, last]) {
        obj.metadata.resourceVersion = "9";
        expect(storedJson(obj, false)).toBe(JSON.stringify(obj));
        expect(storedJson(obj, true)).toBe(withoutVersion(obj));
      }
    }
  });
});
