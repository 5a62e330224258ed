import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { admitDefaultStorageClass } from "./default-storage-class";
import { admitStorageProtection } from "./storage-protection";
import { admitNodeTaints } from "./taint-nodes";

const sc = (name: string, isDefault: boolean, created: string): KubeObject => ({
  apiVersion: "storage.k8s.io/v1",
  kind: "StorageClass",
  metadata: {
    name,
    creationTimestamp: created,
    ...(isDefault
      ? { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } }
      : {}),
  },
  provisioner: "rancher.io/local-path",
});
const pvc = (spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name: "data", namespace: "default" },
  spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, ...spec },
});

describe("DefaultStorageClass", () => {
  it("fills the newest default class only when none is named", () => {
    const classes = [
      sc("slow", true, "2026-01-01T00:00:00Z"),
      sc("fast", true, "2026-01-02T00:00:00Z"),
      sc("other", false, "2026-01-03T00:00:00Z"),
    ];
    expect(
      (admitDefaultStorageClass(pvc(), classes).spec as { storageClassName?: string })
        .storageClassName,
    ).toBe("fast");
    expect(
      (
        admitDefaultStorageClass(pvc({ storageClassName: "" }), classes).spec as {
          storageClassName?: string;
        }
      ).storageClassName,
    ).toBe("");
    expect(
      (
        admitDefaultStorageClass(pvc(), [sc("other", false, "x")]).spec as {
          storageClassName?: string;
        }
      ).storageClassName,
    ).toBeUndefined();
  });
});

describe("StorageObjectInUseProtection and TaintNodesByCondition", () => {
  it("adds the protection finalizers once", () => {
    const once = admitStorageProtection(pvc(), "persistentvolumeclaims");
    expect(once.metadata.finalizers).toEqual(["kubernetes.io/pvc-protection"]);
    expect(admitStorageProtection(once, "persistentvolumeclaims").metadata.finalizers).toEqual([
      "kubernetes.io/pvc-protection",
    ]);
  });

  it("registers nodes not-ready until proven otherwise", () => {
    const node: KubeObject = { apiVersion: "v1", kind: "Node", metadata: { name: "worker-1" } };
    expect((admitNodeTaints(node).spec as { taints: unknown }).taints).toEqual([
      { key: "node.kubernetes.io/not-ready", effect: "NoSchedule" },
    ]);
  });
});
