import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../testing";

// Each test builds the lesson's cluster: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

const deploy = (containers: string, extra = "") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web${extra}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
${containers}`;

const C = (name: string, image: string) => `      - name: ${name}\n        image: ${image}\n`;

describe("kubectl apply (client-side, three-way strategic merge patch)", () => {
  it("stores kubectl's last-applied annotation: sorted compact JSON with the namespace", async () => {
    const { run } = labTerminal("apply-annotation", {
      "cm.yaml":
        "kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: cfg\ndata:\n  b: '2'\n  a: '1'\n",
    });
    await run("kubectl apply -f cm.yaml");
    expect(
      (
        await run(
          "kubectl get cm cfg -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'",
        )
      ).stdout,
    ).toBe(
      '{"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"cfg","namespace":"default"}}\n',
    );
  });

  it("a container dropped from the file is removed; fields others set are kept", async () => {
    const files = {
      "two.yaml": deploy(C("app", "nginx:1.25") + C("sidecar", "busybox")),
      "one.yaml": deploy(C("app", "nginx:1.26")),
    };
    const { run } = labTerminal("apply-containers", files);
    expect((await run("kubectl apply -f two.yaml")).stdout).toBe("deployment.apps/web created\n");
    // Someone else (kubectl label) adds a label; apply must not remove it.
    await run("kubectl label deploy web team=blue");
    expect((await run("kubectl apply -f one.yaml")).stdout).toBe(
      "deployment.apps/web configured\n",
    );
    expect(
      (
        await run(
          "kubectl get deploy web -o jsonpath={.spec.template.spec.containers[*].name}:{.spec.template.spec.containers[0].image}:{.metadata.labels.team}",
        )
      ).stdout,
    ).toBe("app:nginx:1.26:blue");
    expect((await run("kubectl apply -f one.yaml")).stdout).toBe("deployment.apps/web unchanged\n");
  });

  it("warns when the object was not created by apply", async () => {
    const { run } = labTerminal("apply-warning", {
      "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: '2'\n",
    });
    await run("kubectl create configmap cfg --from-literal=a=1");
    const r = await run("kubectl apply -f cm.yaml");
    expect(r.stdout).toBe("configmap/cfg configured\n");
    expect(r.stderr).toBe(
      "Warning: resource configmaps/cfg is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n",
    );
  });

  it("server-side apply sends an apply patch", async () => {
    const { run } = labTerminal("apply-ssa", {
      "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: '2'\n",
    });
    const r = await run("kubectl apply --server-side -f cm.yaml");
    // With the engine's server-side apply: kubectl's success line; without it: kubectl's 415 text.
    expect(["configmap/cfg serverside-applied\n", ""]).toContain(r.stdout);
    if (!r.stdout)
      expect(r.stderr).toMatch(
        /^error: Server-side apply not available on the server: \(the body of the request was in an unknown format - accepted media types include: /,
      );
  });

  it("-o json|yaml prints the applied objects: one alone, several in kubectl's typed List", async () => {
    const cm = (name: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v\n`;
    const { run } = labTerminal("apply-output", {
      "one.yaml": cm("one"),
      "two.yaml": `${cm("one")}---\n${cm("two")}`,
    });
    const one = await run("kubectl apply -f one.yaml -o json");
    const obj = JSON.parse(one.stdout) as { kind: string; metadata: Record<string, unknown> };
    expect(obj.kind).toBe("ConfigMap");
    // The server's object: uid and resourceVersion set, managedFields hidden.
    expect(obj.metadata.uid).toBeTruthy();
    expect(obj.metadata.managedFields).toBeUndefined();
    const two = await run("kubectl apply -f two.yaml -o json");
    expect(two.stdout).toMatch(
      /^\{\n {4}"kind": "List",\n {4}"apiVersion": "v1",\n {4}"metadata": \{\},\n {4}"items": \[/,
    );
    const names = (JSON.parse(two.stdout) as { items: { metadata: { name: string } }[] }).items.map(
      (i) => i.metadata.name,
    );
    expect(names).toEqual(["one", "two"]);
    const yaml = await run("kubectl apply -f two.yaml -o yaml");
    expect(yaml.stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n/);
    expect(yaml.stdout.endsWith("kind: List\nmetadata: {}\n")).toBe(true);
    expect((await run("kubectl apply -f two.yaml -o name")).stdout).toBe(
      "configmap/one\nconfigmap/two\n",
    );
  });
});
