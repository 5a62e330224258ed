// kubectl top through both faces: the real kubectl reads the sandbox's
// metrics.k8s.io API over HTTPS, the web terminal's kubectl reads the same API in
// the engine. Usage is derived deterministically from requests, so the two must
// print the same text byte for byte.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTerminalCommand } from "@/lib/terminal/run-command";
import { kubectlBinaries, startLab, type Lab } from "./harness";

const binaries = kubectlBinaries();
if (binaries.length === 0) console.warn("conformance: no kubectl binary found on PATH; skipping");

const COMMANDS = [
  "top nodes",
  "top node worker1",
  "top nodes --sort-by=memory --no-headers",
  "top nodes -l node-role.kubernetes.io/control-plane",
  "top nodes --show-capacity",
  "top pods -A",
  "top pods -n kube-system --sort-by=cpu",
  "top pods -A --sum",
  "top pod web-pod --containers",
  "top pods -l app=web-pod --containers",
  "top pods -n default",
  "top pod pending-pod",
  "top pod nope",
  "top pods -n empty",
];

describe.skipIf(binaries.length === 0)("kubectl top: real kubectl vs the web terminal", () => {
  let lab: Lab;
  const terminal = (command: string) => runTerminalCommand(lab.sandboxId, `kubectl ${command}`);
  beforeAll(async () => {
    lab = await startLab();
    const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: web-pod
  labels: {app: web-pod}
spec:
  containers:
  - name: web
    image: nginx:1.25
    resources: {requests: {cpu: 250m, memory: 64Mi}}
  - name: sidecar
    image: busybox:1.36
    command: [sleep, "3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: pending-pod
spec:
  nodeSelector: {disk: none}
  containers:
  - name: app
    image: nginx:1.25
---
apiVersion: v1
kind: Namespace
metadata:
  name: empty
`;
    const r = await lab.kubectl(["apply", "-f", "-"], { stdin: manifest });
    if (r.code !== 0) throw new Error(`setup failed: ${r.stderr}`);
    await lab.kubectl(["wait", "--for=condition=Ready", "pod/web-pod", "--timeout=30s"], {
      timeoutMs: 40_000,
    });
  }, 90_000);
  afterAll(async () => {
    await lab?.close();
  });

  it.each(COMMANDS)("kubectl %s", async (command) => {
    const real = await lab.kubectl(command.split(" "));
    const emulated = await terminal(command);
    expect({ code: emulated.exitCode, stdout: emulated.stdout, stderr: emulated.stderr }).toEqual({
      code: real.code,
      stdout: real.stdout,
      stderr: real.stderr,
    });
  });

  it("prints figures: nodes with percentages, the pod's two containers", async () => {
    const nodes = await lab.kubectl(["top", "nodes"]);
    expect([nodes.code, nodes.stderr]).toEqual([0, ""]);
    expect(nodes.stdout.split("\n")[0]).toMatch(
      /^NAME +CPU\(cores\) +CPU% +MEMORY\(bytes\) +MEMORY% +$/,
    );
    expect(nodes.stdout).toMatch(/\nworker1 +\d+m +\d+% +\d+Mi +\d+% +\n/);
    const pod = await lab.kubectl(["top", "pod", "web-pod", "--containers"]);
    expect(pod.stdout).toMatch(/web-pod +sidecar +\d+m +\d+Mi/);
    expect(pod.stdout).toMatch(/web-pod +web +\d+m +\d+Mi/);
    const raw = await lab.kubectl([
      "get",
      "--raw",
      "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/web-pod",
    ]);
    expect(JSON.parse(raw.stdout)).toMatchObject({
      kind: "PodMetrics",
      metadata: { name: "web-pod" },
    });
  });

  it("kubectl get nodemetrics / podmetrics print metrics-server's columns", async () => {
    const nodes = await lab.kubectl(["get", "nodemetrics"]);
    expect([nodes.code, nodes.stderr]).toEqual([0, ""]);
    expect(nodes.stdout.split("\n")[0]).toMatch(/^NAME +CPU +MEMORY +WINDOW$/);
    expect(nodes.stdout).toMatch(/\nworker1 +\d+m +\d+Ki +15s\n/);
    const pods = await lab.kubectl(["get", "podmetrics", "-A", "-l", "app=web-pod"]);
    expect(pods.stdout).toMatch(
      /^NAMESPACE +NAME +CPU +MEMORY +WINDOW\ndefault +web-pod +\d+m +\d+Ki +15s\n$/,
    );
    const none = await lab.kubectl(["get", "podmetrics", "-n", "empty"]);
    expect([none.stdout, none.stderr]).toEqual(["", "No resources found in empty namespace.\n"]);
  });
});
