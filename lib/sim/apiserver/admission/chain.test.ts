import { describe, expect, it } from "vitest";
import { isApiError } from "../errors";
import type { KubeObject } from "../object";
import { builtinRegistry } from "../resources/registry";
import { bootstrapObjects } from "../bootstrap";
import { runMutatingAdmission, runValidatingAdmission, type AdmissionAttributes } from "./chain";

// An in-memory lookup over a fresh cluster plus whatever a test adds.
function lookupOver(extra: KubeObject[]) {
  const all = [...bootstrapObjects(), ...extra];
  const infoOf = (o: KubeObject) => builtinRegistry.byApiVersionKind(o.apiVersion, o.kind);
  const matches = (o: KubeObject, group: string, resource: string) => {
    const i = infoOf(o);
    return i !== undefined && i.group === group && i.resource === resource;
  };
  return {
    get: (g: string, r: string, ns: string, name: string) =>
      all.find(
        (o) => matches(o, g, r) && (o.metadata.namespace ?? "") === ns && o.metadata.name === name,
      ),
    list: (g: string, r: string, ns?: string) =>
      all.filter((o) => matches(o, g, r) && (ns === undefined || o.metadata.namespace === ns)),
  };
}

const podInfo = builtinRegistry.byResource("", "v1", "pods")!;
const pod = (
  name: string,
  namespace = "default",
  spec: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace, uid: "u-1" },
  spec: { containers: [{ name: "app", image: "nginx:1.25" }], ...spec },
});
const req = (object: KubeObject, extra: KubeObject[] = []): AdmissionAttributes => ({
  operation: "CREATE",
  info: podInfo,
  subresource: "",
  namespace: object.metadata.namespace ?? "",
  name: object.metadata.name ?? "",
  object,
  lookup: lookupOver(extra),
  randomSuffix: (n) => "x".repeat(n),
});

describe("admission chain", () => {
  it("turns a bare pod into what a 1.28 cluster stores", () => {
    const out = runMutatingAdmission(req(pod("web")));
    expect(out.spec).toMatchObject({
      serviceAccountName: "default",
      serviceAccount: "default",
      priority: 0,
      preemptionPolicy: "PreemptLowerPriority",
      enableServiceLinks: true,
      tolerations: [
        {
          key: "node.kubernetes.io/not-ready",
          operator: "Exists",
          effect: "NoExecute",
          tolerationSeconds: 300,
        },
        {
          key: "node.kubernetes.io/unreachable",
          operator: "Exists",
          effect: "NoExecute",
          tolerationSeconds: 300,
        },
      ],
      volumes: [{ name: "kube-api-access-xxxxx" }],
    });
  });

  it("rejects pods in a namespace that does not exist", () => {
    try {
      runMutatingAdmission(req(pod("web", "ghost")));
      throw new Error("admitted");
    } catch (e) {
      expect(isApiError(e) && e.message).toBe('namespaces "ghost" not found');
    }
  });

  it("charges quotas after validation and returns the status write", () => {
    const quota: KubeObject = {
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: { name: "pods", namespace: "default" },
      spec: { hard: { pods: "1" } },
      status: { hard: { pods: "1" }, used: { pods: "0" } },
    };
    const { sideWrites } = runValidatingAdmission(req(pod("a"), [quota]));
    expect(sideWrites.map((q) => q.status)).toEqual([{ hard: { pods: "1" }, used: { pods: "1" } }]);
    const full = { ...quota, status: { hard: { pods: "1" }, used: { pods: "1" } } };
    expect(() => runValidatingAdmission(req(pod("b"), [full]))).toThrow(
      'pods "b" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=1, limited: pods=1',
    );
  });

  it("keeps allocated service values on an update that omits them", () => {
    const svcInfo = builtinRegistry.byResource("", "v1", "services")!;
    const old: KubeObject = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "default" },
      spec: {
        type: "NodePort",
        clusterIP: "10.96.0.20",
        clusterIPs: ["10.96.0.20"],
        ports: [{ port: 80, protocol: "TCP", targetPort: 80, nodePort: 30080 }],
      },
    };
    const next: KubeObject = { ...old, spec: { type: "NodePort", ports: [{ port: 80 }] } };
    const out = runMutatingAdmission({
      ...req(next),
      info: svcInfo,
      operation: "UPDATE",
      oldObject: old,
    });
    expect(out.spec).toMatchObject({
      clusterIP: "10.96.0.20",
      clusterIPs: ["10.96.0.20"],
      ports: [{ port: 80, nodePort: 30080, protocol: "TCP", targetPort: 80 }],
    });
  });

  it("refuses to delete a system namespace on the delete path", () => {
    const nsInfo = builtinRegistry.byResource("", "v1", "namespaces")!;
    const ns: KubeObject = {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "kube-system" },
    };
    const del = {
      ...req(ns),
      info: nsInfo,
      operation: "DELETE" as const,
      namespace: "",
      name: "kube-system",
    };
    expect(() => runValidatingAdmission(del)).toThrow(
      'namespaces "kube-system" is forbidden: this namespace may not be deleted',
    );
    expect(runValidatingAdmission({ ...del, name: "dev" })).toEqual({ sideWrites: [] });
  });

  it("leaves subresource bodies alone", () => {
    const binding: KubeObject = {
      apiVersion: "v1",
      kind: "Binding",
      metadata: { name: "web", namespace: "default" },
      target: { kind: "Node", name: "n1" },
    };
    expect(runMutatingAdmission({ ...req(binding), subresource: "binding" })).toBe(binding);
  });
});
