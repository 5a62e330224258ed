// The commands of the course and the issue, through each real kubectl present,
// against a fresh sandbox per binary: exit code, printed text and resulting state.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxRequest } from "@/lib/db/sandboxes";
import { ADMIN_USER } from "@/lib/sim";
import { kubectlBinaries, startLab, type Lab } from "./harness";

const binaries = kubectlBinaries();
if (binaries.length === 0) console.warn("conformance: no kubectl binary found on PATH; skipping");

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read deep into objects
type Json = any;

async function state(lab: Lab, path: string): Promise<Json> {
  const { response } = await sandboxRequest(lab.sandboxId, {
    method: "GET",
    path,
    user: ADMIN_USER,
  });
  return (response as { body?: unknown }).body as Json;
}

const CM = (value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: '${value}'\n`;

describe.skipIf(binaries.length === 0).each(binaries)("$name against a sandbox", ({ bin }) => {
  let lab: Lab;
  const k = (args: string[], stdin?: string) =>
    lab.kubectl(args, { bin, ...(stdin ? { stdin } : {}) });
  beforeAll(async () => {
    lab = await startLab(bin);
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("get pods -A -o wide prints namespaces and wide columns from the server's Table", async () => {
    const r = await k(["get", "pods", "-A", "-o", "wide"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(
      /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/,
    );
    expect(r.stdout).toMatch(
      /kube-system\s+etcd-master1\s+1\/1\s+Running\s+0\s+\S+\s+192\.168\.56\.10\s+master1/,
    );
  });

  it("create deployment, scale, label, annotate, rollout status", async () => {
    expect(
      (await k(["create", "deployment", "web", "--image=nginx:1.25", "--replicas=2"])).stdout,
    ).toBe("deployment.apps/web created\n");
    expect((await k(["scale", "deployment", "web", "--replicas=3"])).stdout).toBe(
      "deployment.apps/web scaled\n",
    );
    expect((await k(["label", "deployment", "web", "tier=fe"])).stdout).toBe(
      "deployment.apps/web labeled\n",
    );
    expect((await k(["annotate", "deployment", "web", "note=hi"])).stdout).toBe(
      "deployment.apps/web annotated\n",
    );
    const r = await lab.kubectl(["rollout", "status", "deployment/web", "--timeout=30s"], {
      bin,
      timeoutMs: 40_000,
    });
    expect(r.stdout).toContain('deployment "web" successfully rolled out');
    const d = await state(lab, "/apis/apps/v1/namespaces/default/deployments/web");
    expect(d.spec.replicas).toBe(3);
    expect(d.metadata.labels.tier).toBe("fe");
    expect(d.metadata.annotations.note).toBe("hi");
  });

  it("apply creates, configures, then reports unchanged", async () => {
    expect((await k(["apply", "-f", "-"], CM("1"))).stdout).toBe("configmap/cfg created\n");
    expect((await k(["apply", "-f", "-"], CM("2"))).stdout).toBe("configmap/cfg configured\n");
    expect((await k(["apply", "-f", "-"], CM("2"))).stdout).toBe("configmap/cfg unchanged\n");
    const cm = await state(lab, "/api/v1/namespaces/default/configmaps/cfg");
    expect(cm.data).toEqual({ a: "2" });
    expect(cm.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]).toContain(
      '"a":"2"',
    );
  });

  it("create namespace / configmap (protobuf bodies from 1.32+) and auth can-i", async () => {
    expect((await k(["create", "namespace", "team-a"])).stdout).toBe("namespace/team-a created\n");
    expect(
      (await k(["create", "configmap", "c2", "-n", "team-a", "--from-literal=k=v"])).stdout,
    ).toBe("configmap/c2 created\n");
    expect((await state(lab, "/api/v1/namespaces/team-a/configmaps/c2")).data).toEqual({ k: "v" });
    const can = await k(["auth", "can-i", "create", "pods"]);
    expect([can.code, can.stdout]).toEqual([0, "yes\n"]);
  });

  it("auth can-i --list (SelfSubjectRulesReview), --as (impersonation) and auth whoami", async () => {
    const list = await k(["auth", "can-i", "--list"]);
    expect([list.code, list.stderr]).toEqual([0, ""]);
    expect(list.stdout.split("\n")[0]).toMatch(
      /^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$/,
    );
    expect(list.stdout).toMatch(/^\*\.\*\s+\[\]\s+\[\]\s+\[\*\]$/m);
    expect(list.stdout).toMatch(
      /^selfsubjectrulesreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$/m,
    );
    const as = await k([
      "auth",
      "can-i",
      "list",
      "secrets",
      "--as=system:serviceaccount:default:default",
    ]);
    expect([as.code, as.stdout]).toEqual([1, "no\n"]);
    const who = await k(["auth", "whoami"]);
    expect([who.code, who.stdout.replace(/ +/g, " ")]).toEqual([
      0,
      "ATTRIBUTE VALUE\nUsername kubernetes-admin\nGroups [system:masters system:authenticated]\n",
    ]);
  });

  it("taint, cordon and drain a worker", async () => {
    expect((await k(["taint", "node", "worker2", "k=v:NoSchedule"])).stdout).toBe(
      "node/worker2 tainted\n",
    );
    const r = await lab.kubectl(
      ["drain", "worker2", "--ignore-daemonsets", "--delete-emptydir-data"],
      { bin, timeoutMs: 60_000 },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("node/worker2 cordoned");
    expect(r.stdout).toContain("node/worker2 drained");
    const node = await state(lab, "/api/v1/nodes/worker2");
    expect(node.spec.unschedulable).toBe(true);
    expect(node.spec.taints).toContainEqual({ key: "k", value: "v", effect: "NoSchedule" });
  });

  it("errors print the server's Status", async () => {
    const r = await k(["get", "configmap", "nope"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n');
  });

  it("delete waits for the DELETED watch event", async () => {
    const r = await lab.kubectl(["delete", "configmap", "cfg"], { bin, timeoutMs: 30_000 });
    expect([r.code, r.stdout]).toEqual([0, 'configmap "cfg" deleted\n']);
    const { response } = await sandboxRequest(lab.sandboxId, {
      method: "GET",
      path: "/api/v1/namespaces/default/configmaps/cfg",
      user: ADMIN_USER,
    });
    expect(response.code).toBe(404);
  });

  it("api-resources and explain read discovery and OpenAPI", async () => {
    const res = await k(["api-resources"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    const ex = await k(["explain", "deployment"]);
    expect(ex.code).toBe(0);
    expect(ex.stdout).toContain("Deployment enables declarative updates for Pods and ReplicaSets.");
  });

  it("get -w streams the list and then changes", async () => {
    const watch = lab.kubectl(["get", "configmaps", "-w", "--request-timeout=6s"], {
      bin,
      timeoutMs: 20_000,
    });
    await new Promise((r) => setTimeout(r, 2500));
    await k(["create", "configmap", "late"]);
    const r = await watch;
    expect(r.stdout.split("\n")[0]).toMatch(/^NAME\s+DATA\s+AGE$/);
    expect(r.stdout).toMatch(/^late\s+0\s+\S+$/m);
  });
});
