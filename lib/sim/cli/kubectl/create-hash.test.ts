import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../apiserver/object";
import { labTerminal } from "../testing";
import { contentHash } from "./create-hash";

const obj = (o: Record<string, unknown>) => o as unknown as KubeObject;

// Names measured with kubectl 1.28: `kubectl create configmap c --from-literal=a=b
// --append-hash`, and the same for secret generic s (without and with --type=x).
describe("--append-hash (k8s.io/kubectl/pkg/util/hash)", () => {
  it("hashes a ConfigMap's kind, name and data", () => {
    expect(contentHash(obj({ kind: "ConfigMap", metadata: { name: "c" }, data: { a: "b" } }))).toBe(
      "m4h6ctkgb2",
    );
  });
  it("hashes a Secret's kind, type, name and base64 data", () => {
    const secret = { kind: "Secret", metadata: { name: "s" }, data: { a: "Yg==" } };
    expect(contentHash(obj(secret))).toBe("7fd2tm89d8");
    expect(contentHash(obj({ ...secret, type: "x" }))).toBe("426t5bkm8k");
  });
  it("renames the object the terminal creates", async () => {
    const { run } = labTerminal("append-hash");
    const r = await run("kubectl create configmap c --from-literal=a=b --append-hash");
    expect(r.stdout).toBe("configmap/c-m4h6ctkgb2 created\n");
  });
});

describe("--save-config and --from-env-file", () => {
  it("annotates the generated object with its own JSON, as kubectl 1.28 does", async () => {
    const { run } = labTerminal("save-config");
    const r = await run(
      "kubectl create configmap c --from-literal=a=b --save-config --dry-run=client -o yaml",
    );
    expect(r.stdout).toContain(
      '    kubectl.kubernetes.io/last-applied-configuration: |\n      {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c","creationTimestamp":null},"data":{"a":"b"}}\n',
    );
  });
  it("reads KEY=VALUE lines, skipping comments and leading blanks", async () => {
    const { run } = labTerminal("env-file", { "app.env": "A=1\n# c\n  B=two words\n" });
    const r = await run(
      "kubectl create configmap c --from-env-file=app.env --dry-run=client -o yaml",
    );
    expect(r.stdout).toContain('data:\n  A: "1"\n  B: two words\n');
    const bad = await run("kubectl create configmap c --from-env-file=app.env --from-literal=x=y");
    expect(bad.stderr).toBe(
      "error: from-env-file cannot be combined with from-file or from-literal\n",
    );
  });
});
