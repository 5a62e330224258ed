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
});
