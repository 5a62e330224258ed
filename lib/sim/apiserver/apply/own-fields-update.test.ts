import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { isEncoded } from "./field-set";
import {
  type ManagerRef,
  updateManagedFields,
  updateManagedFieldsGeneral,
  type UpdateInput,
} from "./managed-fields";
import { plainEntries } from "./own-fields-update";

const T0 = Date.UTC(2026, 0, 1);
const kubelet: ManagerRef = {
  manager: "kubelet",
  operation: "Update",
  apiVersion: "v1",
  subresource: "status",
};
const kcm: ManagerRef = {
  manager: "kube-controller-manager",
  operation: "Update",
  apiVersion: "v1",
};
const leaseRef: ManagerRef = {
  manager: "kube-scheduler",
  operation: "Update",
  apiVersion: "coordination.k8s.io/v1",
};

/** Both Updates on one input: the JSON text (key order included) must be the same. */
function both(input: UpdateInput): { fast: KubeObject; general: KubeObject } {
  const fast = updateManagedFields(input);
  const general = updateManagedFieldsGeneral(input);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(general));
  return { fast, general };
}

function created(obj: KubeObject, ref: ManagerRef, resetStatus = false): KubeObject {
  return updateManagedFields({ old: undefined, next: obj, ref, now: T0, resetStatus });
}

function lease(): KubeObject {
  return created(
    {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: "kube-scheduler", namespace: "kube-system" },
      spec: { holderIdentity: "master1_x", leaseDurationSeconds: 15, renewTime: "t0" },
    },
    leaseRef,
  );
}

function renew(old: KubeObject, renewTime: string, now: number, ref = leaseRef) {
  const next = { ...old, spec: { ...(old.spec as object), renewTime } };
  return both({ old, next, ref, now, resetStatus: false });
}

function pod(): KubeObject {
  return created(
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web-1", namespace: "default", labels: { app: "web" } },
      spec: { containers: [{ name: "web", image: "nginx" }] },
      status: { phase: "Pending" },
    },
    kcm,
    true,
  );
}

const writeStatus = (old: KubeObject, status: object, now: number) =>
  both({ old, next: { ...old, status }, ref: kubelet, now, resetStatus: false });

describe("an Update that changes only the writer's own fields", () => {
  it("renews a Lease: the entry keeps its FieldsV1 tree and takes the new time", () => {
    const first = lease();
    const { fast } = renew(first, "t1", T0 + 2000);
    const [before] = first.metadata.managedFields!;
    const [after] = fast.metadata.managedFields!;
    expect(after!.fieldsV1).toBe(before!.fieldsV1);
    expect(after!.time).toBe("2026-01-01T00:00:02Z");
    // Within the same second nothing in the entry changes: the stored entry itself is kept.
    const { fast: again } = renew(fast, "t2", T0 + 2500);
    expect(again.metadata.managedFields![0]).toBe(after);
  });

  it("adds the kubelet's status entry and keeps the creator's entry as stored", () => {
    const old = pod();
    const status = {
      phase: "Running",
      podIP: "10.244.1.5",
      conditions: [{ type: "Ready", status: "True", lastProbeTime: null }],
    };
    const { fast } = writeStatus(old, status, T0 + 1000);
    expect(fast.metadata.managedFields!.map((e) => e.manager)).toEqual([
      "kube-controller-manager",
      "kubelet",
    ]);
    expect(fast.metadata.managedFields![0]).toBe(old.metadata.managedFields![0]);
    expect(isEncoded(fast.metadata.managedFields![1]!.fieldsV1)).toBe(true);
    // The kubelet's next write of fields it owns keeps its tree.
    const { fast: next } = writeStatus(fast, { ...status, phase: "Succeeded" }, T0 + 5000);
    expect(next.metadata.managedFields![1]!.fieldsV1).toBe(
      fast.metadata.managedFields![1]!.fieldsV1,
    );
  });

  it("sorts the renewed entry after managers with an earlier time, as the general Update", () => {
    const first = lease();
    const other: ManagerRef = {
      manager: "a-client",
      operation: "Update",
      apiVersion: leaseRef.apiVersion,
    };
    const withOther = both({
      old: first,
      next: { ...first, metadata: { ...first.metadata, labels: { x: "y" } } },
      ref: other,
      now: T0 + 1000,
      resetStatus: false,
    }).fast;
    expect(withOther.metadata.managedFields!.map((e) => e.manager)).toEqual([
      "kube-scheduler",
      "a-client",
    ]);
    const { fast } = renew(withOther, "t9", T0 + 9000);
    expect(fast.metadata.managedFields!.map((e) => e.manager)).toEqual([
      "a-client",
      "kube-scheduler",
    ]);
  });

  it("moves a field another manager owns (the general Update) and removes the writer's own", () => {
    const first = lease();
    const other: ManagerRef = {
      manager: "kubectl-edit",
      operation: "Update",
      apiVersion: leaseRef.apiVersion,
    };
    // Another manager changes renewTime: it takes the field from kube-scheduler.
    const taken = renew(first, "edited", T0 + 1000, other).fast;
    expect(taken.metadata.managedFields!.map((e) => e.manager)).toEqual([
      "kube-scheduler",
      "kubectl-edit",
    ]);
    // kube-scheduler renews again: the field comes back to it.
    renew(taken, "t3", T0 + 3000);
    // Dropping a field it owns.
    const spec = { ...(first.spec as Record<string, unknown>) };
    delete spec.leaseDurationSeconds;
    both({
      old: first,
      next: { ...first, spec },
      ref: leaseRef,
      now: T0 + 4000,
      resetStatus: false,
    });
  });

  it("leaves entries it did not build (a stored copy read back) to the general Update", () => {
    const first = lease();
    const readBack = JSON.parse(JSON.stringify(first)) as KubeObject;
    expect(plainEntries(first.metadata.managedFields)).toBe(first.metadata.managedFields);
    expect(plainEntries(readBack.metadata.managedFields)).toBeUndefined();
    renew(readBack, "t1", T0 + 2000);
    // Entries sent by a client replace the live ones: the general Update decodes them.
    both({
      old: first,
      next: {
        ...first,
        metadata: { ...first.metadata, managedFields: readBack.metadata.managedFields },
        spec: { ...(first.spec as object), renewTime: "t5" },
      },
      ref: leaseRef,
      now: T0 + 5000,
      resetStatus: false,
    });
  });

  it("leaves out the fields nobody owns (generation, status of the main resource) as the general Update", () => {
    const ref: ManagerRef = { manager: "kubectl-edit", operation: "Update", apiVersion: "apps/v1" };
    const old = created(
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", namespace: "default", generation: 1 },
        spec: { replicas: 1 },
        status: { replicas: 1 },
      },
      ref,
      true,
    );
    const next = {
      ...old,
      metadata: { ...old.metadata, generation: 2, labels: { app: "web" } },
      spec: { replicas: 3 },
      status: { replicas: 3 },
    };
    const { fast } = both({ old, next, ref, now: T0 + 1000, resetStatus: true });
    expect(JSON.stringify(fast.metadata.managedFields![0]!.fieldsV1)).toBe(
      JSON.stringify({
        "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
        "f:spec": { "f:replicas": {} },
      }),
    );
  });
});
