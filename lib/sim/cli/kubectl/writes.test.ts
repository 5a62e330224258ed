import { beforeAll, describe, expect, it } from "vitest";
import { labTerminal } from "../testing";

describe("kubectl writes", () => {
  let run: ReturnType<typeof labTerminal>["run"];
  beforeAll(() => {
    run = labTerminal("mutate").run;
  });

  it("create deployment runs it: ReplicaSet and pods appear", async () => {
    expect((await run("kubectl create deployment web --image=nginx --replicas=2")).stdout).toBe(
      "deployment.apps/web created\n",
    );
    const pods = await run("kubectl get pods -l app=web -o name");
    expect(pods.stdout.trimEnd().split("\n")).toHaveLength(2);
    expect((await run("kubectl create deployment web --image=nginx")).stderr).toBe(
      'error: failed to create deployment: deployments.apps "web" already exists\n',
    );
  });

  it("scale, label, annotate", async () => {
    expect((await run("kubectl scale deployment web --replicas=3")).stdout).toBe(
      "deployment.apps/web scaled\n",
    );
    expect((await run("kubectl get deploy web -o jsonpath={.spec.replicas}")).stdout).toBe("3");
    expect((await run("kubectl label deployment web tier=front")).stdout).toBe(
      "deployment.apps/web labeled\n",
    );
    expect((await run("kubectl label deployment web tier=back")).stderr).toBe(
      "error: 'tier' already has a value (front), and --overwrite is false\n",
    );
    expect((await run("kubectl annotate deployment web note=hi")).stdout).toBe(
      "deployment.apps/web annotated\n",
    );
  });

  it("apply -f - creates, then reports unchanged, then configured", async () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: "1"\n';
    const apply = (yaml: string) => run(`echo '${yaml}' | kubectl apply -f -`);
    expect((await apply(cm)).stdout).toBe("configmap/app created\n");
    expect((await apply(cm)).stdout).toBe("configmap/app unchanged\n");
    expect((await apply(cm.replace('"1"', '"2"'))).stdout).toBe("configmap/app configured\n");
    expect((await run("kubectl get cm app -o jsonpath={.data.a}")).stdout).toBe("2");
    const obj = JSON.parse((await run("kubectl get cm app -o json")).stdout);
    const applied = JSON.parse(
      obj.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"],
    );
    expect(applied.data).toEqual({ a: "2" });
  });

  it("cordon/uncordon and delete", async () => {
    expect((await run("kubectl cordon worker1")).stdout).toBe("node/worker1 cordoned\n");
    expect((await run("kubectl get nodes")).stdout).toMatch(/worker1\s+Ready,SchedulingDisabled/);
    expect((await run("kubectl uncordon worker1")).stdout).toBe("node/worker1 uncordoned\n");
    expect((await run("kubectl delete configmap app")).stdout).toBe('configmap "app" deleted\n');
    expect((await run("kubectl delete configmap app")).stderr).toBe(
      'Error from server (NotFound): configmaps "app" not found\n',
    );
  });

  it("namespace in the session: config set-context --current --namespace", async () => {
    const r = await run("kubectl config set-context --current --namespace=kube-system");
    expect(r.session).toEqual({ namespace: "kube-system" });
    expect((await run("kubectl get pods", { namespace: "kube-system" })).stdout).toMatch(
      /etcd-master1/,
    );
  });
});
