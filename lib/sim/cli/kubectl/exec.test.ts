import { beforeAll, describe, expect, it } from "vitest";
import { labTerminal } from "../testing";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: nginx
    env:
    - name: MODE
      value: lab
    volumeMounts:
    - name: cfg
      mountPath: /etc/app
    - name: sec
      mountPath: /etc/secret
  volumes:
  - name: cfg
    configMap:
      name: app-config
  - name: sec
    secret:
      secretName: app-secret
`;

describe("kubectl exec: the simulated shell inside containers", () => {
  let lab: ReturnType<typeof labTerminal>;
  beforeAll(async () => {
    lab = labTerminal("exec");
    await lab.run("kubectl create configmap app-config --from-literal=level=debug");
    await lab.run("kubectl create secret generic app-secret --from-literal=password=s3cr3t");
    await lab.run(`echo '${POD}' | kubectl apply -f -`);
    lab.env.advance(60_000);
  });

  it("env shows the container's variables", async () => {
    const r = await lab.run("kubectl exec app -- env");
    expect(r.stdout).toMatch(/^PATH=/);
    expect(r.stdout).toContain("MODE=lab\n");
    expect(r.stdout).toContain("KUBERNETES_SERVICE_HOST=10.96.0.1\n");
  });

  it("cat and ls of mounted ConfigMaps and Secrets (decoded)", async () => {
    expect((await lab.run("kubectl exec app -- ls /etc/app")).stdout).toBe("level\n");
    expect((await lab.run("kubectl exec app -- cat /etc/app/level")).stdout).toBe("debug");
    expect((await lab.run("kubectl exec app -- cat /etc/secret/password")).stdout).toBe("s3cr3t");
    const missing = await lab.run("kubectl exec app -- cat /etc/nope");
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toBe(
      "cat: /etc/nope: No such file or directory\ncommand terminated with exit code 1\n",
    );
  });

  it("exec without -- is kubectl's error; unknown pods are NotFound", async () => {
    expect((await lab.run("kubectl exec app env")).stderr).toMatch(
      /^error: exec \[POD\] \[COMMAND\] is not supported anymore/,
    );
    expect((await lab.run("kubectl exec nope -- env")).stderr).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
  });

  it("a pod without a node is refused as kube-apiserver does", async () => {
    const stuck =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: stuck\nspec:\n  nodeSelector:\n    disk: none\n  containers:\n  - name: app\n    image: nginx\n";
    await lab.run(`echo '${stuck}' | kubectl apply -f -`);
    lab.env.advance(5_000);
    expect((await lab.run("kubectl exec stuck -- env")).stderr).toBe(
      "Error from server (BadRequest): pod stuck does not have a host assigned\n",
    );
  });
});
