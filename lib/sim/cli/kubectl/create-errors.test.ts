import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../testing";

vi.setConfig({ testTimeout: 30_000 });

// What the real kubectl 1.28/1.32 printed for a second create of the same name,
// captured against a sandbox (tests/conformance/golden-terminal-fidelity.test.ts
// checks the same lines against the real binary).
describe("kubectl create <generator>: server errors as kubectl words them", () => {
  it("wraps them per generator, or passes them through like namespace/role", async () => {
    const { run } = labTerminal("create-errors");
    const twice = async (command: string) => {
      expect((await run(command)).exitCode).toBe(0);
      const again = await run(command);
      expect(again.exitCode).toBe(1);
      return again.stderr;
    };
    expect(await twice("kubectl create configmap c1 --from-literal=a=b")).toBe(
      'error: failed to create configmap: configmaps "c1" already exists\n',
    );
    expect(await twice("kubectl create deployment d1 --image=nginx")).toBe(
      'error: failed to create deployment: deployments.apps "d1" already exists\n',
    );
    expect(await twice("kubectl create secret generic s1 --from-literal=a=b")).toBe(
      'error: failed to create secret secrets "s1" already exists\n',
    );
    expect(await twice("kubectl create serviceaccount sa1")).toBe(
      'error: failed to create serviceaccount: serviceaccounts "sa1" already exists\n',
    );
    expect(await twice("kubectl create job j1 --image=busybox")).toBe(
      'error: failed to create job: jobs.batch "j1" already exists\n',
    );
    expect(await twice("kubectl create quota q1 --hard=pods=20")).toBe(
      'error: failed to create quota: resourcequotas "q1" already exists\n',
    );
    expect(await twice("kubectl create role r1 --verb=get --resource=pods")).toBe(
      'Error from server (AlreadyExists): roles.rbac.authorization.k8s.io "r1" already exists\n',
    );
    expect(await twice("kubectl create rolebinding rb1 --role=r1 --user=u")).toBe(
      'error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "rb1" already exists\n',
    );
    expect(await twice("kubectl create pdb p1 --selector=app=web --min-available=1")).toBe(
      'error: failed to create poddisruptionbudgets: poddisruptionbudgets.policy "p1" already exists\n',
    );
    expect(await twice("kubectl create namespace n1")).toBe(
      'Error from server (AlreadyExists): namespaces "n1" already exists\n',
    );
  });

  it("names a service's port 80-80 for --tcp=80:80, as the API server accepts it", async () => {
    const { run } = labTerminal("create-service-port");
    const r = await run("kubectl create service clusterip web --tcp=80:80");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("service/web created\n");
    expect((await run("kubectl get svc web -o jsonpath={.spec.ports[0].name}")).stdout).toBe(
      "80-80",
    );
  });

  it("takes global flags before a generator: kubectl -n kube-system create configmap x", async () => {
    const { run } = labTerminal("create-global-flags");
    const r = await run("kubectl -n kube-system create configmap gflag --from-literal=a=b");
    expect(r.stdout).toBe("configmap/gflag created\n");
    expect((await run("kubectl get cm gflag -n kube-system -o name")).stdout).toBe(
      "configmap/gflag\n",
    );
    const rollout = await run("kubectl -n kube-system rollout status deployment/coredns");
    expect(rollout.stdout).toMatch(/deployment "coredns" successfully rolled out/);
  });
});
