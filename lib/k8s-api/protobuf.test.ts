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
      metadata: { name: "web", labels: { app: "web" } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "nginx", image: "nginx", resources: {} }] },
        },
        strategy: { rollingUpdate: { maxSurge: "25%", maxUnavailable: 1 } },
      },
      status: {},
    });
  });

  it("zero numbers and booleans Go writes for non-pointer fields are dropped (omitempty JSON); replicas 0 stays", () => {
    const bytes = wrap("apps/v1", "Deployment", "k8s.io.api.apps.v1.Deployment", {
      metadata: { name: "web" },
      spec: { replicas: 0, minReadySeconds: 0, paused: false, template: { spec: {} } },
    });
    const spec = (decodeProtobufBody(bytes).body as { spec: Record<string, unknown> }).spec;
    expect(spec).toEqual({ replicas: 0, template: { spec: {} } });
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
    expect(code(wrap("v1", "Secret", "k8s.io.api.core.v1.ConfigMap", {}))).toBe(415);
  });
});
