import { describe, expect, it } from "vitest";
import { isApiError } from "../errors";
import type { KubeObject } from "../object";
import { admitResourceQuota } from "./resource-quota";

const quota = (hard: Record<string, string>, used?: Record<string, string>): KubeObject => ({
  apiVersion: "v1",
  kind: "ResourceQuota",
  metadata: { name: "compute", namespace: "dev" },
  spec: { hard },
  ...(used ? { status: { hard, used } } : {}),
});
const pod = (
  name: string,
  requests?: Record<string, string>,
  limits?: Record<string, string>,
): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "dev" },
  spec: {
    containers: [
      {
        name: "app",
        image: "nginx",
        resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) },
      },
    ],
  },
});
const PODS = { group: "", resource: "pods" };

function message(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (isApiError(e)) return e.message;
    throw e;
  }
  return undefined;
}

describe("ResourceQuota admission", () => {
  it("charges the quota and returns its new usage", () => {
    const q = quota({ pods: "2", "requests.cpu": "1" }, { pods: "1", "requests.cpu": "500m" });
    const [updated] = admitResourceQuota({
      operation: "CREATE",
      object: pod("a", { cpu: "250m" }),
      info: PODS,
      quotas: [q],
    });
    expect((updated?.status as { used: unknown }).used).toEqual({
      pods: "2",
      "requests.cpu": "750m",
    });
  });

  it("rejects with the exact exceeded-quota message", () => {
    const q = quota({ pods: "5", "requests.cpu": "1" }, { pods: "1", "requests.cpu": "800m" });
    expect(
      message(() =>
        admitResourceQuota({
          operation: "CREATE",
          object: pod("b", { cpu: "500m" }),
          info: PODS,
          quotas: [q],
        }),
      ),
    ).toBe(
      'pods "b" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=800m, limited: requests.cpu=1',
    );
  });

  it("requires containers to state tracked compute resources", () => {
    const q = quota(
      { "limits.cpu": "2", "requests.memory": "1Gi" },
      { "limits.cpu": "0", "requests.memory": "0" },
    );
    expect(
      message(() =>
        admitResourceQuota({ operation: "CREATE", object: pod("c"), info: PODS, quotas: [q] }),
      ),
    ).toBe(
      'pods "c" is forbidden: failed quota: compute: must specify limits.cpu for: app; requests.memory for: app',
    );
  });

  it("counts objects by count/<resource>.<group> and computes usage when status is empty", () => {
    const q = quota({ "count/deployments.apps": "1" });
    const deploy = (name: string): KubeObject => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace: "dev" },
    });
    const info = { group: "apps", resource: "deployments" };
    expect(
      message(() =>
        admitResourceQuota({
          operation: "CREATE",
          object: deploy("two"),
          info,
          quotas: [q],
          namespaceObjects: [{ object: deploy("one"), info }],
        }),
      ),
    ).toBe(
      'deployments.apps "two" is forbidden: exceeded quota: compute, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    );
    expect(
      admitResourceQuota({
        operation: "CREATE",
        object: deploy("one"),
        info,
        quotas: [q],
        namespaceObjects: [],
      }),
    ).toHaveLength(1);
  });

  it("ignores quotas that do not track what the object uses", () => {
    const q = quota({ services: "1" }, { services: "1" });
    expect(
      admitResourceQuota({
        operation: "CREATE",
        object: pod("d", { cpu: "1" }),
        info: PODS,
        quotas: [q],
      }),
    ).toEqual([]);
  });
});

describe("quota scopes", () => {
  const scoped = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name: "scoped", namespace: "dev" },
    spec: { hard: { pods: "0" }, ...spec },
    status: { hard: { pods: "0" }, used: { pods: "0" } },
  });
  const create = (q: KubeObject, p: KubeObject) => () =>
    admitResourceQuota({ operation: "CREATE", object: p, info: PODS, quotas: [q] });

  it("BestEffort quotas only count pods without compute resources", () => {
    const q = scoped({ scopes: ["BestEffort"] });
    expect(message(create(q, pod("be")))).toMatch(/exceeded quota: scoped/);
    expect(message(create(q, pod("burst", { cpu: "100m" })))).toBeUndefined();
  });

  it("PriorityClass scope selectors match the pod's class", () => {
    const q = scoped({
      scopeSelector: {
        matchExpressions: [{ scopeName: "PriorityClass", operator: "In", values: ["high"] }],
      },
    });
    const high = { ...pod("h"), spec: { ...(pod("h").spec as object), priorityClassName: "high" } };
    expect(message(create(q, high))).toMatch(/exceeded quota: scoped/);
    expect(message(create(q, pod("low")))).toBeUndefined();
  });

  it("scoped quotas ignore other kinds", () => {
    const q = {
      ...scoped({ scopes: ["NotTerminating"] }),
      spec: { hard: { configmaps: "0" }, scopes: ["NotTerminating"] },
    };
    const cm: KubeObject = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", namespace: "dev" },
    };
    expect(
      admitResourceQuota({
        operation: "CREATE",
        object: cm,
        info: { group: "", resource: "configmaps" },
        quotas: [q],
      }),
    ).toEqual([]);
  });
});
