import { describe, expect, it } from "vitest";
import type { JsonObject, KubeObject, ManagedFieldsEntry } from "../object";
import { emptySet, paths } from "./field-set";
import { startingManagers } from "./managed-entries";

const entry = (
  manager: string,
  fieldsV1: JsonObject,
  subresource?: string,
): ManagedFieldsEntry => ({
  manager,
  operation: "Update",
  apiVersion: "v1",
  time: "2026-01-01T00:00:00Z",
  fieldsType: "FieldsV1",
  fieldsV1,
  ...(subresource ? { subresource } : {}),
});

const pod = (managedFields: ManagedFieldsEntry[]): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p", namespace: "default", managedFields },
});

describe("the managers a write starts from", () => {
  it("gives every write its own records of a stored list", () => {
    const stored = pod([entry("kcm", { "f:spec": { "f:nodeName": {} } })]);
    const first = startingManagers(stored, stored, "status");
    const [id] = [...first.keys()];
    expect(paths(first.get(id!)!.set)).toEqual([["f:spec", "f:nodeName"]]);
    // A write changes its records (as updateManagedFieldsGeneral does)...
    first.get(id!)!.set = emptySet();
    first.get(id!)!.time = "2030-01-01T00:00:00Z";
    first.delete(id!);
    // ...which the next write from the same stored list does not see.
    const second = startingManagers(stored, stored, "status");
    expect(second.get(id!)!.time).toBe("2026-01-01T00:00:00Z");
    expect(paths(second.get(id!)!.set)).toEqual([["f:spec", "f:nodeName"]]);
  });

  it("decodes a list again when its entries were changed in place", () => {
    const list = [entry("kcm", { "f:spec": {} })];
    const obj = pod(list);
    expect([...startingManagers(obj, obj, "status").values()].map((m) => m.ref.manager)).toEqual([
      "kcm",
    ]);
    list.push(entry("kubelet", { "f:status": {} }, "status"));
    expect([...startingManagers(obj, obj, "status").values()].map((m) => m.ref.manager)).toEqual([
      "kcm",
      "kubelet",
    ]);
    list[0] = { ...list[0]!, operation: "Bogus" as "Update" };
    // An entry that does not decode: the live managers are dropped as kube-apiserver does.
    expect(startingManagers(obj, obj, "status").size).toBe(0);
  });
});
