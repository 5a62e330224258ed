import { beforeAll, describe, expect, it } from "vitest";
import { naturalLess } from "./natural-less";
import { labTerminal } from "../testing";

describe("kubectl get on the lesson's cluster", () => {
  let run: ReturnType<typeof labTerminal>["run"];
  beforeAll(() => {
    run = labTerminal().run;
  });

  it("get nodes -o wide prints the server's table with priority-1 columns", async () => {
    const r = await run("kubectl get nodes -o wide");
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(
      /^NAME {6}STATUS   ROLES {11}AGE   VERSION   INTERNAL-IP {5}EXTERNAL-IP   OS-IMAGE/,
    );
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(["master1", "worker1", "worker2"]);
    expect(lines[1]).toMatch(
      /^master1\s+Ready\s+control-plane\s+60s\s+v1\.28\.0\s+192\.168\.56\.10/,
    );
  });

  it("get pods -n kube-system lists the static pods and add-ons", async () => {
    const r = await run("kubectl get pods -n kube-system");
    expect(r.stdout.split("\n")[0]).toMatch(/^NAME\s+READY   STATUS    RESTARTS   AGE$/);
    expect(r.stdout).toMatch(/\netcd-master1\s+1\/1\s+Running\s+0\s+60s\n/);
  });

  it("list items carry apiVersion/kind for -o and --sort-by (the table path skips the copy)", async () => {
    const kinds = await run(
      "kubectl get pods,services -n kube-system -o jsonpath={.items[*].kind}",
    );
    expect(new Set(kinds.stdout.split(" "))).toEqual(new Set(["Pod", "Service"]));
    const versions = await run(
      "kubectl get deploy -n kube-system -o jsonpath={.items[*].apiVersion}",
    );
    expect(versions.stdout).toBe("apps/v1");
    const sorted = await run("kubectl get pods -n kube-system --sort-by=.kind");
    expect(sorted.exitCode).toBe(0);
    expect(sorted.stdout.split("\n")[0]).toMatch(/^NAME\s+READY   STATUS/);
    // The same table with and without the copy, resolved twice (the kept resolution).
    const plain = await run("kubectl get po -n kube-system");
    expect((await run("kubectl get po -n kube-system")).stdout).toBe(plain.stdout);
    expect(plain.stdout).toBe((await run("kubectl get pods -n kube-system")).stdout);
    const unknown = await run("kubectl get nosuchthing");
    expect(unknown.stderr).toBe('error: the server doesn\'t have a resource type "nosuchthing"\n');
    expect((await run("kubectl get nosuchthing")).stderr).toBe(unknown.stderr);
  });

  it("empty namespace says so on stderr, exit 0", async () => {
    const r = await run("kubectl get pods");
    expect(r).toMatchObject({
      stdout: "",
      stderr: "No resources found in default namespace.\n",
      exitCode: 0,
    });
    expect((await run("kubectl get pods -n nope")).stderr).toBe(
      "No resources found in nope namespace.\n",
    );
  });

  it("-A adds NAMESPACE, --show-labels adds LABELS, -l filters", async () => {
    const r = await run("kubectl get pods -A --show-labels -l k8s-app=kube-dns");
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+LABELS$/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^kube-system\s+coredns-\S+\s.*k8s-app=kube-dns,pod-template-hash=/);
  });

  it("named objects, -o name/yaml/json/jsonpath/custom-columns", async () => {
    expect((await run("kubectl get node master1 -o name")).stdout).toBe("node/master1\n");
    const yaml = (await run("kubectl get ns default -o yaml")).stdout;
    expect(yaml).toMatch(/^apiVersion: v1\nkind: Namespace\nmetadata:\n/);
    const json = JSON.parse((await run("kubectl get ns default -o json")).stdout);
    expect(json.metadata.name).toBe("default");
    expect((await run("kubectl get nodes -o jsonpath='{.items[*].metadata.name}'")).stdout).toBe(
      "master1 worker1 worker2",
    );
    expect(
      (
        await run(
          "kubectl get nodes -o custom-columns=N:.metadata.name,IP:.status.addresses[0].address",
        )
      ).stdout,
    ).toBe(
      "N         IP\nmaster1   192.168.56.10\nworker1   192.168.56.20\nworker2   192.168.56.21\n",
    );
  });

  it("--sort-by orders rows", async () => {
    const r = await run("kubectl get pods -n kube-system --sort-by=.metadata.name -o name");
    const names = r.stdout.trimEnd().split("\n");
    const natural = [...names].sort((a, b) => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0));
    expect(names).toEqual(natural);
  });

  it("errors: NotFound, unknown resource, no resource, bad -o", async () => {
    expect(await run("kubectl get endpoints kube-scheduler -n kube-system -o yaml")).toEqual({
      stdout: "",
      stderr: 'Error from server (NotFound): endpoints "kube-scheduler" not found\n',
      exitCode: 1,
    });
    expect((await run("kubectl get foo")).stderr).toBe(
      'error: the server doesn\'t have a resource type "foo"\n',
    );
    expect((await run("kubectl get")).stderr).toMatch(
      /^You must specify the type of resource to get\./,
    );
    expect((await run("kubectl get pods -o bogus")).stderr).toMatch(
      /^error: unable to match a printer suitable for the output format "bogus"/,
    );
  });

  it("get --raw prints the body as is", async () => {
    expect(await run("kubectl get --raw='/healthz'")).toEqual({
      stdout: "ok",
      stderr: "",
      exitCode: 0,
    });
    expect(JSON.parse((await run("kubectl get --raw /version")).stdout).gitVersion).toBe("v1.28.0");
  });

  it("get --raw writes an object's keys as kube-apiserver does: kind, apiVersion, ObjectMeta's order", async () => {
    expect((await run("kubectl create configmap raw-order --from-literal=k=v")).exitCode).toBe(0);
    expect((await run("kubectl label configmap raw-order z=1 a=2")).exitCode).toBe(0);
    const one = await run("kubectl get --raw /api/v1/namespaces/default/configmaps/raw-order");
    expect(one.stdout).toMatch(
      /^\{"kind":"ConfigMap","apiVersion":"v1","metadata":\{"name":"raw-order","namespace":"default","uid":"[^"]+","resourceVersion":"\d+","creationTimestamp":"[^"]+","labels":\{"a":"2","z":"1"\},"managedFields":/,
    );
    const list = await run("kubectl get --raw /api/v1/namespaces/default/configmaps");
    expect(list.stdout).toMatch(
      /^\{"kind":"ConfigMapList","apiVersion":"v1","metadata":\{"resourceVersion":"\d+"\},"items":\[\{"metadata":\{"name":/,
    );
  });

  it("prints a pod template's zero creationTimestamp as null, as the Go struct arrives from the server", async () => {
    const yaml = await run("kubectl get deploy coredns -n kube-system -o yaml");
    expect(yaml.stdout).toMatch(
      /\n {2}template:\n {4}metadata:\n {6}creationTimestamp: null\n {6}labels:\n/,
    );
    const json = JSON.parse(
      (await run("kubectl get deploy coredns -n kube-system -o json")).stdout,
    );
    expect(json.spec.template.metadata.creationTimestamp).toBeNull();
    expect(json.metadata.creationTimestamp).toMatch(/^\d{4}-/);
    const list = await run("kubectl get deploy -n kube-system -o yaml");
    expect(list.stdout).toContain(
      "    template:\n      metadata:\n        creationTimestamp: null\n",
    );
    const raw = await run(
      "kubectl get --raw /apis/apps/v1/namespaces/kube-system/deployments/coredns",
    );
    expect(raw.stdout).toContain('"template":{"metadata":{"creationTimestamp":null,"labels":');
    // `get all` names each object's kind by the object it fetched: still known when printed.
    expect(
      (await run('kubectl create cronjob tick --image=busybox --schedule="*/1 * * * *"')).exitCode,
    ).toBe(0);
    const all = await run("kubectl get all -n default -o name");
    expect(all.stdout).toContain("\ncronjob.batch/tick\n");
    expect(all.stdout).not.toMatch(/^\//m);
    // Only where Go has a struct: a ConfigMap's metadata is the object's own, always set.
    expect((await run("kubectl get cm -n kube-system -o yaml")).stdout).not.toContain(
      "creationTimestamp: null",
    );
  });
});
