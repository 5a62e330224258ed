import path from "node:path";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/sim/apiserver/errors";
import { decodeProtobufBody } from "./protobuf";

const dir = path.join(process.cwd(), "lib", "k8s-api", "proto");
const root = new protobuf.Root();
root.resolvePath = (_o, t) => path.join(dir, path.basename(t));
root.loadSync(
  [
    "k8s-subset.proto",
    "apps.proto",
    "core.proto",
    "authorization.proto",
    "authentication.proto",
    "rbac.proto",
    "batch.proto",
    "scheduling.proto",
    "networking.proto",
  ].map((f) => path.join(dir, f)),
  { keepCase: true },
);

function wrap(apiVersion: string, kind: string, typeName: string, value: object): Buffer {
  const type = root.lookupType(typeName);
  const raw = type.encode(type.fromObject(value)).finish();
  const unknown = root.lookupType("k8s.io.apimachinery.pkg.runtime.Unknown");
  const body = unknown
    .encode(unknown.fromObject({ typeMeta: { apiVersion, kind }, raw, contentType: "" }))
    .finish();
  return Buffer.concat([Buffer.from("k8s\0", "binary"), Buffer.from(body)]);
}

describe("protobuf request bodies", () => {
  it("decodes a Deployment as kubectl create deployment sends it", () => {
    const bytes = wrap("apps/v1", "Deployment", "k8s.io.api.apps.v1.Deployment", {
      metadata: { name: "web", labels: { app: "web" }, creationTimestamp: {} },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" }, creationTimestamp: {} },
          spec: { containers: [{ name: "nginx", image: "nginx", resources: {} }] },
        },
        strategy: {
          rollingUpdate: {
            maxSurge: { type: 1, strVal: "25%" },
            maxUnavailable: { type: 0, intVal: 1 },
          },
        },
      },
      status: {},
    });
    const { body } = decodeProtobufBody(bytes);
    expect(body).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", labels: { app: "web" }, creationTimestamp: null },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" }, creationTimestamp: null },
          spec: { containers: [{ name: "nginx", image: "nginx", resources: {} }] },
        },
        strategy: { rollingUpdate: { maxSurge: "25%", maxUnavailable: 1 } },
      },
      status: {},
    });
  });

  it("zero numbers and booleans Go writes for non-pointer fields are dropped (omitempty JSON); replicas 0 stays", () => {
    const bytes = wrap("apps/v1", "Deployment", "k8s.io.api.apps.v1.Deployment", {
      // generation is int64 (a Long when decoded): its zero goes too.
      metadata: { name: "web", generation: 0 },
      spec: { replicas: 0, minReadySeconds: 0, paused: false, template: { spec: {} } },
    });
    const body = decodeProtobufBody(bytes).body as Record<string, unknown>;
    expect(body.metadata).toEqual({ name: "web" });
    expect(body.spec).toEqual({ replicas: 0, template: { spec: {} } });
  });

  it("a ConfigMap's data map survives", () => {
    const bytes = wrap("v1", "ConfigMap", "k8s.io.api.core.v1.ConfigMap", {
      metadata: { name: "c" },
      data: { a: "b" },
    });
    expect(decodeProtobufBody(bytes).body).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c" },
      data: { a: "b" },
    });
  });

  it("review kinds kubectl 1.32 sends as protobuf: rules review (can-i --list), whoami", () => {
    const rules = wrap(
      "authorization.k8s.io/v1",
      "SelfSubjectRulesReview",
      "k8s.io.api.authorization.v1.SelfSubjectRulesReview",
      { spec: { namespace: "dev" } },
    );
    expect(decodeProtobufBody(rules).body).toMatchObject({
      kind: "SelfSubjectRulesReview",
      spec: { namespace: "dev" },
    });
    const whoami = wrap(
      "authentication.k8s.io/v1",
      "SelfSubjectReview",
      "k8s.io.api.authentication.v1.SelfSubjectReview",
      { metadata: {} },
    );
    expect(decodeProtobufBody(whoami).body).toMatchObject({ kind: "SelfSubjectReview" });
  });

  it("rejects bodies without the magic, garbage and unknown kinds with a Status", () => {
    const code = (b: Buffer) => {
      try {
        decodeProtobufBody(b);
      } catch (err) {
        if (err instanceof ApiError) return err.status.code;
        throw err;
      }
      return 0;
    };
    expect(code(Buffer.from("{}"))).toBe(400);
    expect(
      code(Buffer.concat([Buffer.from("k8s\0", "binary"), Buffer.from([0x0a, 0xff, 0xff, 0xff])])),
    ).toBe(400);
    expect(code(wrap("batch/v1beta1", "CronJob", "k8s.io.api.core.v1.ConfigMap", {}))).toBe(415);
  });
});

/** Decodes a body as kubectl would wrap it and returns the JSON the engine gets. */
function roundTrip(apiVersion: string, kind: string, typeName: string, value: object): unknown {
  return decodeProtobufBody(wrap(apiVersion, kind, typeName, value)).body;
}

const RBAC = "rbac.authorization.k8s.io/v1";

describe("protobuf bodies of kubectl's create generators", () => {
  it("rolebinding/clusterrolebinding: subjects keep their order, an empty apiGroup is omitted", () => {
    const value = {
      metadata: { name: "rb", creationTimestamp: {} },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" },
      subjects: [
        { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane", namespace: "" },
        { kind: "ServiceAccount", apiGroup: "", name: "bot", namespace: "dev" },
      ],
    };
    const expected = {
      metadata: { name: "rb", creationTimestamp: null },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" },
      subjects: [
        { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane" },
        { kind: "ServiceAccount", name: "bot", namespace: "dev" },
      ],
    };
    expect(roundTrip(RBAC, "RoleBinding", "k8s.io.api.rbac.v1.RoleBinding", value)).toEqual({
      apiVersion: RBAC,
      kind: "RoleBinding",
      ...expected,
    });
    expect(
      roundTrip(RBAC, "ClusterRoleBinding", "k8s.io.api.rbac.v1.ClusterRoleBinding", value),
    ).toEqual({ apiVersion: RBAC, kind: "ClusterRoleBinding", ...expected });
  });

  it('role/clusterrole: the core group "" inside apiGroups survives; aggregationRule decodes', () => {
    expect(
      roundTrip(RBAC, "Role", "k8s.io.api.rbac.v1.Role", {
        metadata: { name: "reader" },
        rules: [{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }],
      }),
    ).toEqual({
      apiVersion: RBAC,
      kind: "Role",
      metadata: { name: "reader" },
      rules: [{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }],
    });
    expect(
      roundTrip(RBAC, "ClusterRole", "k8s.io.api.rbac.v1.ClusterRole", {
        metadata: { name: "agg" },
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: "b" } }] },
        rules: [{ verbs: ["get"], nonResourceURLs: ["/healthz"] }],
      }),
    ).toEqual({
      apiVersion: RBAC,
      kind: "ClusterRole",
      metadata: { name: "agg" },
      rules: [{ verbs: ["get"], nonResourceURLs: ["/healthz"] }],
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: "b" } }] },
    });
  });

  it("serviceaccount, secret (data as base64, type), quota (Quantity map, scopes)", () => {
    expect(
      roundTrip("v1", "ServiceAccount", "k8s.io.api.core.v1.ServiceAccount", {
        metadata: { name: "bot" },
        automountServiceAccountToken: false,
      }),
    ).toEqual({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "bot" },
      automountServiceAccountToken: false,
    });
    expect(
      roundTrip("v1", "Secret", "k8s.io.api.core.v1.Secret", {
        metadata: { name: "s" },
        data: { a: Buffer.from("b") },
        type: "Opaque",
      }),
    ).toEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s" },
      data: { a: "Yg==" },
      type: "Opaque",
    });
    expect(
      roundTrip("v1", "ResourceQuota", "k8s.io.api.core.v1.ResourceQuota", {
        metadata: { name: "q" },
        spec: { hard: { pods: { string: "2" }, "requests.cpu": { string: "500m" } }, scopes: [] },
      }),
    ).toEqual({
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: { name: "q" },
      spec: { hard: { pods: "2", "requests.cpu": "500m" } },
    });
  });

  it("service: ports with IntOrString targetPort, nodePort 0 dropped, externalName", () => {
    expect(
      roundTrip("v1", "Service", "k8s.io.api.core.v1.Service", {
        metadata: { name: "x", labels: { app: "x" } },
        spec: {
          ports: [
            { name: "80-80", protocol: "TCP", port: 80, targetPort: { intVal: 80 }, nodePort: 0 },
          ],
          selector: { app: "x" },
          type: "NodePort",
          clusterIP: "",
        },
      }),
    ).toEqual({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "x", labels: { app: "x" } },
      spec: {
        ports: [{ name: "80-80", protocol: "TCP", port: 80, targetPort: 80 }],
        selector: { app: "x" },
        type: "NodePort",
      },
    });
    const ext = { type: "ExternalName", externalName: "example.com" };
    const svc = roundTrip("v1", "Service", "k8s.io.api.core.v1.Service", { spec: ext });
    expect(svc).toEqual({ apiVersion: "v1", kind: "Service", spec: ext });
  });

  it("job: the pod template with its command and restartPolicy", () => {
    expect(
      roundTrip("batch/v1", "Job", "k8s.io.api.batch.v1.Job", {
        metadata: { name: "once" },
        spec: {
          template: {
            metadata: { creationTimestamp: {} },
            spec: {
              containers: [{ name: "once", image: "busybox", command: ["date"], resources: {} }],
              restartPolicy: "Never",
            },
          },
        },
      }),
    ).toEqual({
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "once" },
      spec: {
        template: {
          // Go's JSON writes a zero Time as null: kubectl's JSON carries the same.
          metadata: { creationTimestamp: null },
          spec: {
            containers: [{ name: "once", image: "busybox", command: ["date"], resources: {} }],
            restartPolicy: "Never",
          },
        },
      },
    });
  });

  it("cronjob: schedule and job template; a pointer backoffLimit 0 is kept, empty policy not", () => {
    const template = { spec: { containers: [{ name: "t", image: "busybox" }] } };
    const spec = (
      roundTrip("batch/v1", "CronJob", "k8s.io.api.batch.v1.CronJob", {
        metadata: { name: "t" },
        spec: {
          schedule: "*/5 * * * *",
          concurrencyPolicy: "",
          jobTemplate: { metadata: { name: "t" }, spec: { backoffLimit: 0, template } },
        },
      }) as { spec: unknown }
    ).spec;
    expect(spec).toEqual({
      schedule: "*/5 * * * *",
      jobTemplate: { metadata: { name: "t" }, spec: { backoffLimit: 0, template } },
    });
  });

  it('priorityclass: value 0 is kept (json:"value" has no omitempty), globalDefault false dropped', () => {
    expect(
      roundTrip("scheduling.k8s.io/v1", "PriorityClass", "k8s.io.api.scheduling.v1.PriorityClass", {
        metadata: { name: "low" },
        value: 0,
        globalDefault: false,
        description: "",
        preemptionPolicy: "PreemptLowerPriority",
      }),
    ).toEqual({
      apiVersion: "scheduling.k8s.io/v1",
      kind: "PriorityClass",
      metadata: { name: "low" },
      value: 0,
      preemptionPolicy: "PreemptLowerPriority",
    });
  });

  it("ingress: the embedded IngressRuleValue is inlined into the rule (http sits on the rule)", () => {
    expect(
      roundTrip("networking.k8s.io/v1", "Ingress", "k8s.io.api.networking.v1.Ingress", {
        metadata: { name: "web" },
        spec: {
          ingressClassName: "nginx",
          rules: [
            {
              host: "foo.com",
              ingressRuleValue: {
                http: {
                  paths: [
                    {
                      path: "/bar",
                      pathType: "Exact",
                      backend: { service: { name: "svc", port: { name: "", number: 8080 } } },
                    },
                  ],
                },
              },
            },
          ],
          tls: [{ hosts: ["foo.com"], secretName: "cert" }],
        },
      }),
    ).toEqual({
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "web" },
      spec: {
        ingressClassName: "nginx",
        rules: [
          {
            host: "foo.com",
            http: {
              paths: [
                {
                  path: "/bar",
                  pathType: "Exact",
                  backend: { service: { name: "svc", port: { number: 8080 } } },
                },
              ],
            },
          },
        ],
        tls: [{ hosts: ["foo.com"], secretName: "cert" }],
      },
    });
  });

  it("token request (create token): audiences, int64 expirationSeconds, boundObjectRef", () => {
    const AUTHN = "authentication.k8s.io/v1";
    const audiences = ["https://kubernetes.default.svc"];
    const ref = { kind: "Pod", apiVersion: "v1", name: "p" };
    expect(
      roundTrip(AUTHN, "TokenRequest", "k8s.io.api.authentication.v1.TokenRequest", {
        metadata: { creationTimestamp: {} },
        spec: { audiences, expirationSeconds: 600, boundObjectRef: { ...ref, uid: "" } },
      }),
    ).toEqual({
      apiVersion: AUTHN,
      kind: "TokenRequest",
      metadata: { creationTimestamp: null },
      spec: { audiences, expirationSeconds: 600, boundObjectRef: ref },
    });
  });
});
