import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../resources/registry";
import { validateCreate, validateObjectMetaUpdate, validateUpdate } from "./index";
import type { KubeObject } from "../object";
import type { ResourceInfo } from "../resources/resource-info";
import { deployment, pod } from "./test-helpers";

const info = (apiVersion: string, kind: string) => {
  const r = builtinRegistry.byApiVersionKind(apiVersion, kind);
  if (!r) throw new Error(kind);
  return r;
};

describe("validateCreate / validateUpdate", () => {
  it("dispatch to the kind's rules", () => {
    expect(validateCreate(pod({ containers: [] }), info("v1", "Pod")).map((e) => e.field)).toEqual([
      "spec.containers",
    ]);
    expect(validateCreate(deployment(), info("apps/v1", "Deployment"))).toEqual([]);
  });

  it("fall back to metadata rules for other kinds", () => {
    const lease = {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: "UPPER", namespace: "kube-node-lease" },
    };
    expect(
      validateCreate(lease, info("coordination.k8s.io/v1", "Lease")).map((e) => e.field),
    ).toEqual(["metadata.name"]);
  });

  it("combine metadata immutability with the kind's update rules", () => {
    const prev = deployment();
    prev.metadata.uid = "u1";
    const next = deployment({ selector: { matchLabels: { app: "x" } } });
    next.metadata.uid = "u2";
    const fields = validateUpdate(next, prev, info("apps/v1", "Deployment")).map((e) => e.field);
    expect(fields).toContain("metadata.uid");
    expect(fields).toContain("spec.selector");
  });

  it("judge a workload's status update on its metadata, not on the spec it keeps", () => {
    // A stored spec the rules refuse (selector and template labels differ): a status write
    // keeping that very spec is not refused for it, as kube-apiserver's status strategy.
    const stored = deployment({ selector: { matchLabels: { app: "other" } } });
    stored.metadata.uid = "u1";
    const d = info("apps/v1", "Deployment");
    const specErrors = validateCreate(stored, d).map((e) => e.field);
    expect(specErrors).toEqual(["spec.template.metadata.labels"]);
    const status = { ...stored, status: { replicas: 2 } };
    expect(validateUpdate(status, stored, d, "status")).toEqual([]);
    // Its metadata is still judged.
    const renamed = { ...status, metadata: { ...stored.metadata, uid: "u2" } };
    expect(validateUpdate(renamed, stored, d, "status").map((e) => e.field)).toEqual([
      "metadata.uid",
    ]);
    // The object itself (no subresource) is judged whole, spec included, even unchanged.
    expect(validateUpdate(status, stored, d).map((e) => e.field)).toEqual(specErrors);
    expect(validateUpdate(status, stored, d, "").map((e) => e.field)).toEqual(specErrors);
    // A status update whose spec is not the stored one is judged whole too.
    const copied = { ...status, spec: structuredClone(stored.spec) };
    expect(validateUpdate(copied, stored, d, "status").map((e) => e.field)).toEqual(specErrors);
    // A kind whose status strategy validates the whole object keeps its rules (a Node's).
    const node = {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "n1" },
      spec: { taints: [{ key: "k", effect: "Sometimes" }] },
    };
    expect(validateUpdate(node, node, info("v1", "Node"), "status").map((e) => e.field)).toEqual([
      "spec.taints[0].effect",
    ]);
  });

  it("judge an update as the metadata update rules plus the kind's non-metadata create rules", () => {
    // What validateUpdate computed before kinds without rules of their own skipped the create
    // rules: the same errors, in the same order, for those kinds and for the others.
    const reference = (next: KubeObject, prev: KubeObject, i: ResourceInfo) => [
      ...validateObjectMetaUpdate(next.metadata, prev.metadata),
      ...validateCreate(next, i).filter((e) => !e.field.startsWith("metadata.")),
    ];
    const badMeta = {
      name: "UPPER",
      namespace: "Bad_NS",
      labels: { "bad key!": "x" },
      annotations: { "also bad!": "y" },
      generation: -1,
    };
    const cases: [KubeObject, ResourceInfo][] = [
      [
        { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { ...badMeta } },
        info("coordination.k8s.io/v1", "Lease"),
      ],
      [{ apiVersion: "v1", kind: "Event", metadata: { ...badMeta } }, info("v1", "Event")],
      [
        { apiVersion: "v1", kind: "ServiceAccount", metadata: { ...badMeta } },
        info("v1", "ServiceAccount"),
      ],
      [
        { ...deployment({ replicas: -1 }), metadata: { ...badMeta } },
        info("apps/v1", "Deployment"),
      ],
      [{ ...pod({ containers: [] }), metadata: { ...badMeta } }, info("v1", "Pod")],
    ];
    for (const [o, i] of cases) {
      const prev = { ...o, metadata: { ...o.metadata, uid: "u1" } };
      // A copy of the spec: a pod keeping its very spec is judged as a status update.
      const next = { ...structuredClone(o), metadata: { ...o.metadata, uid: "u2" } };
      const expected = reference(next, prev, i).filter(
        (e) => e.field !== "metadata.name" && e.field !== "metadata.generateName",
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(validateUpdate(next, prev, i)).toEqual(expected);
    }
  });
});
