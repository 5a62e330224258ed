import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { networkPolicyPrinter, roleBindingPrinter } from "./rbac-network";

const T = Date.UTC(2026, 0, 5, 9, 0, 0);
const created = new Date(T).toISOString().replace(".000Z", "Z");

describe("RoleBinding / ClusterRoleBinding table (printRoleBinding, 1.28)", () => {
  it("ROLE is Kind/name; -o wide lists users, groups and namespace/name service accounts", () => {
    const binding: KubeObject = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "read", namespace: "dev", creationTimestamp: created },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" },
      subjects: [
        { kind: "User", name: "kim" },
        { kind: "Group", name: "devs" },
        { kind: "User", name: "lee" },
        { kind: "ServiceAccount", name: "bot", namespace: "dev" },
      ],
    } as KubeObject;
    expect(roleBindingPrinter.row(binding, T + 120_000).cells).toEqual([
      "read",
      "Role/reader",
      "2m",
      "kim, lee",
      "devs",
      "dev/bot",
    ]);
    expect(roleBindingPrinter.columns.map((c) => [c.name, c.priority])).toEqual([
      ["Name", 0],
      ["Role", 0],
      ["Age", 0],
      ["Users", 1],
      ["Groups", 1],
      ["ServiceAccounts", 1],
    ]);
  });
});

describe("NetworkPolicy table (printNetworkPolicy, 1.28)", () => {
  it("POD-SELECTOR as a label selector, <none> when it selects every pod", () => {
    const np = (podSelector: unknown): KubeObject =>
      ({
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: "deny", namespace: "dev", creationTimestamp: created },
        spec: { podSelector },
      }) as KubeObject;
    expect(networkPolicyPrinter.row(np({ matchLabels: { app: "web" } }), T).cells).toEqual([
      "deny",
      "app=web",
      "0s",
    ]);
    expect(networkPolicyPrinter.row(np({}), T).cells[1]).toBe("<none>");
  });
});
