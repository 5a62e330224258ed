import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../testing";

// Each test builds the lesson's cluster: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

describe("kubectl run / expose / replace", () => {
  it("run --dry-run=client -o yaml prints kubectl's generated pod", async () => {
    const { run } = labTerminal("run-dry");
    // Captured from kubectl 1.28.
    expect(
      (await run("kubectl run solo2 --image=nginx --port=80 --dry-run=client -o yaml")).stdout,
    ).toBe(
      `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: solo2
  name: solo2
spec:
  containers:
  - image: nginx
    name: solo2
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`,
    );
  });

  it("run creates a pod that starts; errors for a missing image or name", async () => {
    const { run, env } = labTerminal("run");
    expect(
      (await run("kubectl run solo --image=nginx --labels=app=solo -- sleep 3600")).stdout,
    ).toBe("pod/solo created\n");
    env.advance(5000);
    expect(
      (await run("kubectl get pod solo -o jsonpath={.status.phase},{.spec.containers[0].args}"))
        .stdout,
    ).toBe('Running,["sleep","3600"]');
    expect((await run("kubectl run x")).stderr).toBe('error: required flag(s) "image" not set\n');
    expect((await run("kubectl run --image=nginx")).stderr).toBe(
      "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n",
    );
  });

  it("expose a deployment: selector and labels from it, target port", async () => {
    const { run, env } = labTerminal("expose");
    await run("kubectl create deployment web --image=nginx --replicas=2");
    expect((await run("kubectl expose deployment web --port=80 --target-port=8080")).stdout).toBe(
      "service/web exposed\n",
    );
    env.advance(5000);
    expect(
      (
        await run(
          "kubectl get svc web -o jsonpath={.spec.selector.app},{.spec.ports[0].port},{.spec.ports[0].targetPort}",
        )
      ).stdout,
    ).toBe("web,80,8080");
    expect((await run("kubectl expose deployment web --name=web2")).stderr).toBe(
      "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n",
    );
    expect((await run("kubectl expose pod nope --port=80")).stderr).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
  });

  it("replace -f swaps the object; a missing one fails with the source", async () => {
    const cm = (v: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: '${v}'\n`;
    const { run } = labTerminal("replace", { "cfg.yaml": cm("9") });
    expect((await run("kubectl replace -f cfg.yaml")).stderr).toBe(
      'Error from server (NotFound): error when replacing "cfg.yaml": configmaps "cfg" not found\n',
    );
    await run("kubectl create configmap cfg --from-literal=a=1 --from-literal=b=2");
    expect((await run("kubectl replace -f cfg.yaml")).stdout).toBe("configmap/cfg replaced\n");
    expect((await run("kubectl get cm cfg -o jsonpath={.data}")).stdout).toBe('{"a":"9"}');
    expect((await run("kubectl replace --force -f cfg.yaml")).stdout).toBe(
      'configmap "cfg" deleted\nconfigmap/cfg replaced\n',
    );
  });
});
