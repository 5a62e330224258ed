// Test fixture for the check types: the lesson's cluster in memory with a small
// workload (namespace team: Deployment web ×3, ConfigMap settings, a Role and
// RoleBinding for ServiceAccount team/app), everything Running.
import { LabCluster } from "@/lib/sim";
import { checkSchema, type Check } from "../../schema/check-schema";
import type { GradeInput } from "../context";

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

let cached: GradeInput | undefined;

export function fixtureInput(): GradeInput {
  if (cached) return cached;
  const lab = new LabCluster({ seed: "grade-fixture", now: T0 });
  const post = (path: string, body: unknown) => {
    const r = lab.request("POST", path, body);
    if (r.code >= 300) throw new Error(`${path}: ${r.code} ${JSON.stringify(r)}`);
  };
  post("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
  post("/apis/apps/v1/namespaces/team/deployments", {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "web", image: "nginx:1.25" }] },
      },
    },
  });
  post("/api/v1/namespaces/team/configmaps", {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "settings" },
    data: { mode: "fast", count: "7" },
  });
  post("/api/v1/namespaces/team/serviceaccounts", {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: "app" },
  });
  post("/apis/rbac.authorization.k8s.io/v1/namespaces/team/roles", {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: "reader" },
    rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }],
  });
  post("/apis/rbac.authorization.k8s.io/v1/namespaces/team/rolebindings", {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: "reader" },
    subjects: [{ kind: "ServiceAccount", name: "app", namespace: "team" }],
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" },
  });
  lab.advance(30_000);
  cached = { state: lab.state, traces: [] };
  return cached;
}

/** A check as the schema parses it (defaults filled), from the fields a test cares about. */
export function check<T extends Check["type"]>(
  type: T,
  fields: Record<string, unknown>,
): Extract<Check, { type: T }> {
  return checkSchema.parse({ id: "c", description: "테스트", type, ...fields }) as Extract<
    Check,
    { type: T }
  >;
}
