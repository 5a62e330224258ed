// The creator owns what the decoder defaulted (kube-apiserver runs the field manager
// after decoding, before admission and the registry): `kubectl create deployment`
// owns strategy, dnsPolicy, imagePullPolicy... but not what the registry fills in
// (a Service's IP families, a Namespace's finalizers), and an applier owns only
// what it applied. Expected sets: what kube-apiserver 1.28 records for these requests.

import { describe, expect, it } from "vitest";
import { bareState } from "../handler/test-support";
import { bodyOf, runner } from "../handler/test-run";
import type { KubeObject } from "../object";

const run = runner();
const KUBECTL = "kubectl/v1.28.15 (linux/amd64) kubernetes/abc";

function created(path: string, body: unknown, manager: string) {
  const r = run(bareState("defaulted"), {
    method: "POST",
    path,
    query: `fieldManager=${manager}`,
    body,
    userAgent: KUBECTL,
  });
  expect(r.response.code, JSON.stringify(bodyOf(r))).toBe(201);
  const obj = bodyOf<KubeObject>(r);
  return { obj, state: r.state, fields: obj.metadata.managedFields?.[0]?.fieldsV1 };
}

/** What `kubectl create deployment web --image=nginx` sends. */
const DEPLOYMENT = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", creationTimestamp: null, labels: { app: "web" } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { creationTimestamp: null, labels: { app: "web" } },
      spec: { containers: [{ name: "nginx", image: "nginx", resources: {} }] },
    },
    strategy: {},
  },
  status: {},
};

describe("managedFields of defaulted fields", () => {
  it("kubectl create deployment: the creator owns the decoder's defaults", () => {
    const { fields, obj } = created(
      "/apis/apps/v1/namespaces/default/deployments",
      DEPLOYMENT,
      "kubectl-create",
    );
    expect(obj.metadata.managedFields?.[0]).toMatchObject({
      manager: "kubectl-create",
      operation: "Update",
      apiVersion: "apps/v1",
    });
    expect(fields).toEqual({
      "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
      "f:spec": {
        "f:progressDeadlineSeconds": {},
        "f:replicas": {},
        "f:revisionHistoryLimit": {},
        "f:selector": {},
        "f:strategy": {
          "f:rollingUpdate": { ".": {}, "f:maxSurge": {}, "f:maxUnavailable": {} },
          "f:type": {},
        },
        "f:template": {
          "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
          "f:spec": {
            "f:containers": {
              'k:{"name":"nginx"}': {
                ".": {},
                "f:image": {},
                "f:imagePullPolicy": {},
                "f:name": {},
                "f:resources": {},
                "f:terminationMessagePath": {},
                "f:terminationMessagePolicy": {},
              },
            },
            "f:dnsPolicy": {},
            "f:restartPolicy": {},
            "f:schedulerName": {},
            "f:securityContext": {},
            "f:terminationGracePeriodSeconds": {},
          },
        },
      },
    });
  });

  it("kubectl create namespace: the default label, not the registry's finalizers", () => {
    const { fields } = created(
      "/api/v1/namespaces",
      {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: "team", creationTimestamp: null },
        spec: {},
        status: {},
      },
      "kubectl-create",
    );
    expect(fields).toEqual({
      "f:metadata": { "f:labels": { ".": {}, "f:kubernetes.io/metadata.name": {} } },
    });
  });

  it("kubectl expose: internalTrafficPolicy is the creator's, the IP families are not", () => {
    const { fields, obj } = created(
      "/api/v1/namespaces/default/services",
      {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "web", creationTimestamp: null, labels: { app: "web" } },
        spec: { ports: [{ port: 80, protocol: "TCP", targetPort: 80 }], selector: { app: "web" } },
        status: { loadBalancer: {} },
      },
      "kubectl-expose",
    );
    const spec = (fields as Record<string, Record<string, unknown>>)["f:spec"]!;
    expect(Object.keys(spec).sort()).toEqual([
      "f:internalTrafficPolicy",
      "f:ports",
      "f:selector",
      "f:sessionAffinity",
      "f:type",
    ]);
    expect((obj.spec as Record<string, unknown>).internalTrafficPolicy).toBe("Cluster");
  });

  it("an update that leaves a defaulted field out keeps it with its owner; apply owns only what it sent", () => {
    const { state, obj } = created(
      "/apis/apps/v1/namespaces/default/deployments",
      DEPLOYMENT,
      "kubectl-create",
    );
    // kubectl replace -f with the original manifest (no defaults) and 3 replicas.
    const replaced = run(state, {
      method: "PUT",
      path: "/apis/apps/v1/namespaces/default/deployments/web",
      query: "fieldManager=kubectl-replace",
      body: {
        ...DEPLOYMENT,
        metadata: { ...DEPLOYMENT.metadata, resourceVersion: obj.metadata.resourceVersion },
        spec: { ...DEPLOYMENT.spec, replicas: 3 },
      },
    });
    const managers = bodyOf<KubeObject>(replaced).metadata.managedFields ?? [];
    expect(managers.map((m) => [m.manager, m.fieldsV1])).toEqual([
      ["kubectl-create", expect.objectContaining({})],
      ["kubectl-replace", { "f:spec": { "f:replicas": {} } }],
    ]);
    expect(JSON.stringify(managers[0]!.fieldsV1)).toContain("f:progressDeadlineSeconds");

    const applied = run(bareState("defaulted-apply"), {
      method: "PATCH",
      path: "/apis/apps/v1/namespaces/default/deployments/web",
      query: "fieldManager=kubectl",
      contentType: "application/apply-patch+yaml",
      body: DEPLOYMENT,
    });
    expect(applied.response.code).toBe(201);
    const obj2 = bodyOf<KubeObject>(applied);
    expect(JSON.stringify(obj2.metadata.managedFields)).not.toContain("f:progressDeadlineSeconds");
    expect((obj2.spec as Record<string, unknown>).progressDeadlineSeconds).toBe(600);
  });
});
