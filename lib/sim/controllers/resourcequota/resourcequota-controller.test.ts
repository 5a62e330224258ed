import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../../cli/testing";

vi.setConfig({ testTimeout: 30_000 });

const QUOTA = `apiVersion: v1
kind: ResourceQuota
metadata:
  name: small
  namespace: default
spec:
  hard:
    pods: "2"
    configmaps: "5"
    requests.cpu: "1"
`;

const pod = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: 250m
`;

describe("resourcequota controller", () => {
  it("fills status.hard/used, counts objects made before it, and gives back on delete", async () => {
    const t = labTerminal("quota", {
      "q.yaml": QUOTA,
      "a.yaml": pod("a"),
      "b.yaml": pod("b"),
      "c.yaml": pod("c"),
    });
    expect((await t.run("kubectl apply -f a.yaml")).exitCode).toBe(0);
    await t.run("kubectl apply -f q.yaml");
    const status = async () =>
      JSON.parse((await t.run("kubectl get quota small -o jsonpath={.status}")).stdout);
    // kube-root-ca.crt already exists in default: configmaps=1.
    expect(await status()).toEqual({
      hard: { configmaps: "5", pods: "2", "requests.cpu": "1" },
      used: { configmaps: "1", pods: "1", "requests.cpu": "250m" },
    });
    await t.run("kubectl apply -f b.yaml");
    const over = await t.run("kubectl apply -f c.yaml");
    expect(over.stderr).toBe(
      'Error from server (Forbidden): error when creating "c.yaml": pods "c" is forbidden: exceeded quota: small, requested: pods=1, used: pods=2, limited: pods=2\n',
    );
    await t.run("kubectl delete pod a --grace-period=0 --force");
    expect((await status()).used).toEqual({ configmaps: "1", pods: "1", "requests.cpu": "250m" });
    expect((await t.run("kubectl apply -f c.yaml")).exitCode).toBe(0);
  });
});
