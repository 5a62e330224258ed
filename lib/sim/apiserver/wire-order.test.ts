import { describe, expect, it } from "vitest";
import {
  ADMIN_USER,
  fixedClock,
  handle,
  stateFromParts,
  stateMeta,
  type ApiRequest,
  type KvRow,
  type SandboxState,
} from "@/lib/sim";
import { createClusterSandbox } from "@/lib/sim/cluster/default-cluster";
import { clusterEngineOptions } from "@/lib/sim/cluster/loops";
import { deploymentManifest } from "@/lib/sim/scenarios/fixtures";
import { logRows } from "@/lib/sim/store/types";
import { inWireOrder } from "./wire-order";

const keys = (v: unknown) => Object.keys(v as object);

/** An object answer's body (a GET's), failing the test on any other kind of answer. */
function bodyOf(r: ReturnType<typeof handle>["response"]): unknown {
  if (r.kind !== "object") throw new Error(`expected an object answer, got ${r.kind}`);
  return r.body;
}

describe("inWireOrder: the key order kube-apiserver writes", () => {
  it("puts a built-in object's TypeMeta first and its ObjectMeta in struct order, labels and annotations sorted", () => {
    const stored = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      spec: { replicas: 1 },
      metadata: {
        labels: { z: "1", a: "2" },
        managedFields: [],
        name: "web",
        annotations: { "b/x": "1", "a/y": "2" },
        resourceVersion: "9",
        namespace: "default",
        creationTimestamp: "2026-01-05T09:00:00Z",
        uid: "u",
        generation: 1,
      },
      status: {},
    };
    const before = JSON.stringify(stored);
    const out = inWireOrder(stored, false) as typeof stored;
    expect(keys(out)).toEqual(["kind", "apiVersion", "metadata", "spec", "status"]);
    expect(keys(out.metadata)).toEqual([
      "name",
      "namespace",
      "uid",
      "resourceVersion",
      "generation",
      "creationTimestamp",
      "labels",
      "annotations",
      "managedFields",
    ]);
    expect(keys(out.metadata.labels)).toEqual(["a", "z"]);
    expect(keys(out.metadata.annotations)).toEqual(["a/y", "b/x"]);
    // The engine's object (possibly its shared decode) is left as it was.
    expect(JSON.stringify(stored)).toBe(before);
    expect(out).toEqual(stored);
  });

  it("orders a list's ListMeta and each item's ObjectMeta; items carry no TypeMeta", () => {
    const list = {
      apiVersion: "v1",
      items: [
        { data: { k: "v" }, metadata: { resourceVersion: "3", name: "a", creationTimestamp: "T" } },
      ],
      kind: "ConfigMapList",
      metadata: { continue: "c", resourceVersion: "7" },
    };
    const out = inWireOrder(list, false) as typeof list;
    expect(JSON.stringify(out)).toBe(
      '{"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"7","continue":"c"},' +
        '"items":[{"metadata":{"name":"a","resourceVersion":"3","creationTimestamp":"T"},"data":{"k":"v"}}]}',
    );
  });

  it("writes a kind the Go struct table knows in struct order throughout, its maps sorted", () => {
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", creationTimestamp: "T" },
      status: { replicas: 1, observedGeneration: 1 },
      spec: {
        template: { spec: { containers: [] }, metadata: { labels: { z: "1", app: "web" } } },
        strategy: { type: "RollingUpdate" },
        selector: { matchLabels: { z: "1", app: "web" } },
        replicas: 1,
      },
    };
    const out = inWireOrder(deployment, false) as typeof deployment;
    expect(keys(out)).toEqual(["kind", "apiVersion", "metadata", "spec", "status"]);
    expect(keys(out.spec)).toEqual(["replicas", "selector", "template", "strategy"]);
    expect(keys(out.spec.template)).toEqual(["metadata", "spec"]);
    // metav1.Time is a struct: the template's zero creationTimestamp leaves as null, in place.
    expect(out.spec.template.metadata).toEqual({
      creationTimestamp: null,
      labels: { app: "web", z: "1" },
    });
    expect(keys(out.spec.template.metadata)).toEqual(["creationTimestamp", "labels"]);
    expect(deployment.spec.template.metadata).toEqual({ labels: { z: "1", app: "web" } });
    expect(keys(out.spec.selector.matchLabels)).toEqual(["app", "z"]);
    expect(keys(out.status)).toEqual(["observedGeneration", "replicas"]);
  });

  it("for a kind the table lacks, orders TypeMeta and ObjectMeta and keeps the engine's order after them", () => {
    const sts = {
      spec: { serviceName: "db", replicas: 1 },
      metadata: { labels: { z: "1", a: "2" }, name: "db", creationTimestamp: "T" },
      apiVersion: "apps/v1",
      kind: "StatefulSet",
    };
    expect(JSON.stringify(inWireOrder(sts, false))).toBe(
      '{"kind":"StatefulSet","apiVersion":"apps/v1","metadata":{"name":"db","creationTimestamp":"T",' +
        '"labels":{"a":"2","z":"1"}},"spec":{"serviceName":"db","replicas":1}}',
    );
  });

  it("sorts every key of a custom resource, as an unstructured map is written", () => {
    const cr = {
      kind: "Widget",
      apiVersion: "example.com/v1",
      spec: { size: 1, color: "red", parts: [{ z: 1, a: 2 }] },
      metadata: { name: "w", uid: "u" },
    };
    expect(JSON.stringify(inWireOrder(cr, true))).toBe(
      '{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w","uid":"u"},' +
        '"spec":{"color":"red","parts":[{"a":2,"z":1}],"size":1}}',
    );
  });

  it("leaves Status, Table and non-objects as the server built them", () => {
    const status = { metadata: {}, kind: "Status", apiVersion: "v1", code: 404 };
    expect(inWireOrder(status, false)).toBe(status);
    const table = { kind: "Table", apiVersion: "meta.k8s.io/v1", rows: [] };
    expect(inWireOrder(table, false)).toBe(table);
    expect(inWireOrder("ok", false)).toBe("ok");
  });
});

describe("a raw GET's answer does not depend on how the copy was reached", () => {
  const engine = clusterEngineOptions();
  const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
  const path = "/apis/apps/v1/namespaces/default/deployments/web";
  const get: ApiRequest = { method: "GET", path, user: ADMIN_USER };

  it("answers a warm copy (objects decoded on write) and one loaded again from its rows alike", () => {
    let state: SandboxState = createClusterSandbox({ seed: "wire", now: T0 }).state;
    const create: ApiRequest = {
      method: "POST",
      path: "/apis/apps/v1/namespaces/default/deployments",
      user: ADMIN_USER,
      body: deploymentManifest("web", 1),
    };
    state = handle(state, create, fixedClock(T0 + 1_000), engine).state;
    const current = bodyOf(handle(state, get, fixedClock(T0 + 2_000), engine).response);
    const rv = (current as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    // An update as a client sends it: resourceVersion early in the metadata, before labels.
    const manifest = deploymentManifest("web", 2);
    const metadata = { name: "web", resourceVersion: rv, labels: { tier: "web", app: "web" } };
    const update: ApiRequest = {
      method: "PUT",
      path,
      user: ADMIN_USER,
      body: { ...manifest, metadata },
    };
    const put = handle(state, update, fixedClock(T0 + 3_000), engine);
    expect(put.response.code).toBe(200);
    state = put.state;
    // What a whole load builds (lib/db/sandboxes/load.ts): the rows as read back, nothing decoded.
    const rows = logRows(state.store.log).map((r) => JSON.parse(JSON.stringify(r)) as KvRow);
    const loaded = stateFromParts(stateMeta(state), rows, {
      audit: [...state.journal.audit],
      traces: [...state.journal.traces],
    });
    const at = fixedClock(T0 + 3_500);
    const warm = bodyOf(handle(state, get, at, engine).response);
    const cold = bodyOf(handle(loaded, get, at, engine).response);
    expect(warm).toEqual(cold);
    // The same object, but its keys in the order each copy reached it: the warm copy keeps
    // resourceVersion where the client put it, the loaded one appends it. On the wire, one order.
    const wire = JSON.stringify(inWireOrder(warm, false));
    expect(wire).toBe(JSON.stringify(inWireOrder(cold, false)));
    expect(wire).toMatch(
      /^\{"kind":"Deployment","apiVersion":"apps\/v1","metadata":\{"name":"web","namespace":"default","uid":"[^"]+","resourceVersion":"\d+","generation":2,/,
    );
  });
});
