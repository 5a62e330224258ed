import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../resources/registry";
import { validateCreate, validateUpdate } from "./index";
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
});
