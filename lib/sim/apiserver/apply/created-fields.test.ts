import { describe, expect, it } from "vitest";
import { createClusterSandbox, ADMIN_USER, fixedClock, handle, clusterEngineOptions } from "../..";
import { range } from "../../store";
import type { KubeObject } from "../object";
import {
  updateManagedFields,
  updateManagedFieldsGeneral,
  type UpdateInput,
} from "./managed-fields";

const ref = { manager: "test-manager", operation: "Update" as const, apiVersion: "v1" };
const now = Date.UTC(2026, 0, 1);

/** The object as a create request would bring it: no managedFields, no resourceVersion. */
function fresh(obj: KubeObject): KubeObject {
  const { managedFields: _m, resourceVersion: _r, ...metadata } = obj.metadata;
  void _m;
  void _r;
  return { ...obj, metadata };
}

function both(next: KubeObject, resetStatus: boolean) {
  const input: UpdateInput = { old: undefined, next, ref, now, resetStatus };
  // JSON text compares key order too: FieldsV1 is stored and printed as it is built.
  return [
    JSON.stringify(updateManagedFields(input)),
    JSON.stringify(updateManagedFieldsGeneral(input)),
  ];
}

function clusterObjects(): KubeObject[] {
  const base = createClusterSandbox({ seed: "created-fields", now });
  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", labels: { app: "web" } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [
            {
              name: "web",
              image: "registry.k8s.io/pause:3.9",
              ports: [{ containerPort: 80 }, { containerPort: 53, protocol: "UDP" }],
              env: [{ name: "A", value: "1" }],
            },
          ],
        },
      },
    },
  };
  const r = handle(
    base.state,
    {
      method: "POST",
      path: "/apis/apps/v1/namespaces/default/deployments",
      user: ADMIN_USER,
      body: deployment,
    },
    fixedClock(now),
    clusterEngineOptions(),
  );
  const kvs = range(r.state.store, { key: "/registry/", rangeEnd: "/registry0" }).kvs;
  return kvs.map((kv) => JSON.parse(kv.value) as KubeObject);
}

describe("a create's managedFields built in one walk", () => {
  it("equal the general path's for every object of a settled cluster", () => {
    const objects = clusterObjects();
    const kinds = new Set(objects.map((o) => o.kind));
    // Pods, Events, Deployments, Nodes, Services, ConfigMaps... all walked.
    expect(kinds.has("Pod") && kinds.has("Event") && kinds.has("Deployment")).toBe(true);
    expect(objects.length).toBeGreaterThan(50);
    for (const obj of objects) {
      for (const resetStatus of [true, false]) {
        const [fast, general] = both(fresh(obj), resetStatus);
        expect(fast, `${obj.kind} ${obj.metadata.name}`).toBe(general);
      }
    }
  }, 60_000);

  it("equal the general path's for nulls, empty containers, sets and unkeyed items", () => {
    const odd: KubeObject[] = [
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "p", finalizers: ["a", "b"], labels: {}, annotations: { x: "" } },
        spec: { containers: null, volumes: [], nodeSelector: { a: "b" } },
        status: {},
      },
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "q" },
        // An item without its key: the whole list is one leaf.
        spec: { containers: [{ image: "x" }], tolerations: [{ key: "k" }] },
      },
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "d" },
        spec: { template: null, strategy: {}, selector: null },
      },
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "e" },
        // A null where the zero value has a struct: neither added nor modified.
        spec: { template: { metadata: null, spec: { containers: [{ name: "c" }] } } },
      },
      {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "s", ownerReferences: [{ uid: "u1", name: "o" }] },
        spec: { ports: [{ port: 80 }, { port: 80, protocol: "UDP" }] },
        status: { loadBalancer: {} },
      },
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } },
    ] as unknown as KubeObject[];
    for (const obj of odd) {
      for (const resetStatus of [true, false]) {
        const [fast, general] = both(obj, resetStatus);
        expect(fast, obj.metadata.name).toBe(general);
      }
    }
  });

  it("a repeated list key falls back to the general path", () => {
    const obj = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "dup" },
      spec: {
        containers: [
          { name: "a", image: "x" },
          { name: "a", image: "y" },
        ],
      },
    } as unknown as KubeObject;
    const [fast, general] = both(obj, true);
    expect(fast).toBe(general);
    expect(fast).toContain('k:{\\"name\\":\\"a\\"}');
  });
});
