import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../testing";

// Each test builds the lesson's cluster: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

// Output lines as kubectl 1.28 prints them (captured against a sandbox).
describe("kubectl create job / role / rolebinding / quota", () => {
  it("creates them and the objects work", async () => {
    const { run, env } = labTerminal("create-more");
    expect((await run("kubectl create serviceaccount bot")).stdout).toBe(
      "serviceaccount/bot created\n",
    );
    expect(
      (await run("kubectl create role reader --verb=get,list --resource=pods,deployments.apps"))
        .stdout,
    ).toBe("role.rbac.authorization.k8s.io/reader created\n");
    expect(
      (await run("kubectl create rolebinding rb --role=reader --serviceaccount=default:bot"))
        .stdout,
    ).toBe("rolebinding.rbac.authorization.k8s.io/rb created\n");
    expect(
      (await run("kubectl auth can-i list deployments --as system:serviceaccount:default:bot"))
        .stdout,
    ).toBe("yes\n");
    expect((await run("kubectl get role reader -o jsonpath={.rules[*].apiGroups}")).stdout).toBe(
      '[""] ["apps"]',
    );
    expect((await run("kubectl create job once --image=busybox")).stdout).toBe(
      "job.batch/once created\n",
    );
    expect((await run("kubectl create quota q --hard=pods=10,cpu=4")).stdout).toBe(
      "resourcequota/q created\n",
    );
    env.advance(10_000);
    expect((await run("kubectl get job once -o jsonpath={.status.succeeded}")).stdout).toBe("1");
  });

  it("validation errors as kubectl words them", async () => {
    const { run } = labTerminal("create-more-errors");
    expect((await run("kubectl create role r --resource=pods")).stderr).toBe(
      "error: at least one verb must be specified\n",
    );
    expect((await run("kubectl create role r --verb=get")).stderr).toBe(
      "error: at least one resource must be specified\n",
    );
    expect((await run("kubectl create role r --verb=fly --resource=pods")).stderr).toBe(
      "error: invalid verb: 'fly'\n",
    );
    expect((await run("kubectl create role r --verb=get --resource=nope")).stderr).toBe(
      'error: the server doesn\'t have a resource type "nope"\n',
    );
    expect((await run("kubectl create rolebinding rb --serviceaccount=bot")).stderr).toBe(
      "error: exactly one of clusterrole or role must be specified\n",
    );
    expect((await run("kubectl create rolebinding rb --role=r --serviceaccount=bot")).stderr).toBe(
      "error: serviceaccount must be <namespace>:<name>\n",
    );
  });
});
