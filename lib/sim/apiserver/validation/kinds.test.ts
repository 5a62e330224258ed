import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { validateConfigMap, validateConfigMapUpdate, validateSecretUpdate } from "./config";
import { validateRole, validateRoleBinding, validateRoleBindingUpdate } from "./rbac";
import { validateService, validateServiceUpdate } from "./service";
import {
  validateCustomResourceDefinition,
  validateIngress,
  validatePersistentVolumeClaim,
} from "./misc";
import { text } from "./test-helpers";

const meta = (name: string, namespace?: string) => ({ name, ...(namespace ? { namespace } : {}) });

describe("service", () => {
  const svc = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: meta("web", "default"),
    spec,
  });
  it("requires ports, named when several, and a DNS-1035 name", () => {
    expect(text(validateService(svc({})))).toBe("spec.ports: Required value");
    expect(
      text(validateService(svc({ ports: [{ port: 80 }, { port: 443, name: "https" }] }))),
    ).toBe("spec.ports[0].name: Required value");
    expect(text(validateService(svc({ type: "Magic", ports: [{ port: 80 }] })))).toBe(
      'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
  });
  it("takes DNS-1123 port names (80-80, as kubectl create service names them) and refuses others", () => {
    expect(validateService(svc({ ports: [{ port: 80, name: "80-80" }] }))).toEqual([]);
    expect(text(validateService(svc({ ports: [{ port: 80, name: "Web_1" }] })))).toMatch(
      /^spec\.ports\[0\]\.name: Invalid value: "Web_1": a lowercase RFC 1123 label must consist of/,
    );
  });
  it("rejects a malformed clusterIP", () => {
    expect(text(validateService(svc({ clusterIP: "10.96.0.300", ports: [{ port: 80 }] })))).toBe(
      'spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    );
    expect(validateService(svc({ clusterIP: "None", ports: [{ port: 80 }] }))).toEqual([]);
  });
  it("keeps clusterIP once set", () => {
    const prev = svc({
      clusterIP: "10.96.0.10",
      clusterIPs: ["10.96.0.10"],
      ports: [{ port: 80 }],
    });
    const next = svc({
      clusterIP: "10.96.0.11",
      clusterIPs: ["10.96.0.11"],
      ports: [{ port: 80 }],
    });
    expect(text(validateServiceUpdate(next, prev))).toBe(
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set',
    );
  });
});

describe("configmap and secret", () => {
  it("validates keys", () => {
    const cm: KubeObject = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: meta("c", "default"),
      data: { "bad key": "x" },
    };
    expect(text(validateConfigMap(cm))).toMatch(
      /^data\[bad key\]: Invalid value: "bad key": a valid config key/,
    );
  });
  it("freezes immutable configmaps", () => {
    const prev: KubeObject = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: meta("c", "default"),
      data: { a: "1" },
      immutable: true,
    };
    const next = { ...prev, data: { a: "2" } };
    expect(text(validateConfigMapUpdate(next, prev))).toBe(
      "data: Forbidden: field is immutable when `immutable` is set",
    );
    expect(
      validateConfigMapUpdate(
        { ...prev, immutable: false, data: { a: "1" } },
        { ...prev, immutable: false },
      ),
    ).toEqual([]);
  });
  it("secret type is immutable", () => {
    const prev: KubeObject = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: meta("s", "default"),
      type: "Opaque",
    };
    expect(text(validateSecretUpdate({ ...prev, type: "kubernetes.io/tls" }, prev))).toBe(
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
    );
  });
});

describe("rbac", () => {
  it("rules need verbs, groups and resources; namespaced roles cannot use URLs", () => {
    const role: KubeObject = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: meta("r", "default"),
      rules: [{ resources: ["pods"] }, { nonResourceURLs: ["/healthz"], verbs: ["get"] }],
    };
    expect(text(validateRole(role, true))).toBe(
      '[rules[0].verbs: Required value: verbs must contain at least one value, rules[0].apiGroups: Required value: resource rules must supply at least one api group, rules[1].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs]',
    );
  });
  it("bindings check roleRef and subjects; roleRef cannot change", () => {
    const rb: KubeObject = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: meta("b"),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "x" },
      subjects: [
        { kind: "ServiceAccount", name: "default" },
        { kind: "Robot", name: "r" },
      ],
    };
    expect(text(validateRoleBinding(rb, false))).toBe(
      '[roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole", subjects[0].namespace: Required value, subjects[1].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"]',
    );
    const next = {
      ...rb,
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "y" },
    };
    expect(text(validateRoleBindingUpdate(next, rb))).toBe(
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"y"}: cannot change roleRef',
    );
  });
});

describe("storage and CRDs", () => {
  it("PVC needs access modes and a size", () => {
    const pvc: KubeObject = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: meta("data", "default"),
      spec: {},
    };
    expect(text(validatePersistentVolumeClaim(pvc))).toBe(
      "[spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]",
    );
  });
  it("CRD name is plural.group", () => {
    const crd: KubeObject = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: meta("crontab.example.com"),
      spec: {
        group: "example.com",
        scope: "Namespaced",
        names: { plural: "crontabs", kind: "CronTab" },
        versions: [{ name: "v1", served: true, storage: true }],
      },
    };
    expect(text(validateCustomResourceDefinition(crd))).toBe(
      'metadata.name: Invalid value: "crontab.example.com": must be spec.names.plural+"."+spec.group',
    );
  });
});

describe("ingress", () => {
  const ing = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: meta("web", "default"),
    spec,
  });
  const path = (backend: unknown, extra: Record<string, unknown> = {}) => ({
    rules: [{ http: { paths: [{ path: "/", pathType: "Prefix", backend, ...extra }] } }],
  });
  it("accepts a service backend with a port number", () => {
    expect(validateIngress(ing(path({ service: { name: "web", port: { number: 80 } } })))).toEqual(
      [],
    );
  });
  it("checks backends and paths", () => {
    expect(text(validateIngress(ing({})))).toBe(
      "spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified",
    );
    expect(text(validateIngress(ing(path({ service: { name: "web", port: {} } }))))).toBe(
      "spec.rules[0].http.paths[0].backend: Required value: port name or number is required",
    );
    expect(
      text(
        validateIngress(
          ing(path({ service: { name: "web", port: { number: 80 } } }, { path: "api" })),
        ),
      ),
    ).toBe('spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path');
    expect(text(validateIngress(ing(path(undefined))))).toBe(
      'spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required',
    );
  });
});
