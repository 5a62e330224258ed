// Golden tests ("fidelity is tested, not assumed"): the same command through the
// REAL kubectl against the sandbox's REST face and through the web terminal's
// emulated kubectl, on the same sandbox, must print the same text - ignoring only
// AGE-like durations (virtual time moves between the two runs).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTerminalCommand } from "@/lib/terminal/run-command";
import { kubectlBinaries, maskTicking, seedLab, startLab, type Lab } from "./harness";

const binaries = kubectlBinaries();
if (binaries.length === 0) console.warn("conformance: no kubectl binary found on PATH; skipping");

/** Durations as kubectl prints ages: 5s, 3m2s, 47m, 5h12m, 3d, 2y31d, <unknown>. */
const DURATION = /(?<![\w.-])(\d+[smhdy])+(?![\w.-])/g;
const normalize = (text: string) =>
  maskTicking(text)
    .replace(DURATION, "<age>")
    // Column padding follows the widest cell: ages of different widths shift it.
    .replace(/ +/g, " ");

/** The commands compared; each must match exactly after normalization. */
const GOLDEN: string[] = [
  "get nodes",
  "get nodes -o wide",
  "get pods -n kube-system",
  "get pods -A -o wide",
  "get deploy",
  "get deploy -o wide",
  "get rs",
  "get svc",
  "get svc -o wide",
  "get cm",
  "get ns",
  "get pods --show-labels",
  "get pods -o name",
  "get deploy web -o yaml",
  "get cm settings -o json",
  "get endpoints kube-scheduler -n kube-system -o yaml",
  "get pods -l app=web",
  "get nodes --no-headers",
  "get deploy web -o jsonpath={.spec.replicas}",
  "get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName",
  "get events",
  "describe pods -l app=web",
  "get all",
  "get deploy,svc",
  "get pods -o wide",
  "explain pod.spec.containers",
  "get ep",
  "get sa",
  "get leases -n kube-system",
  "get --raw /readyz?verbose",
  "get pods -n kube-system -l component=etcd -o jsonpath={.items[0].spec.containers[0].command}",
  "describe ns default",
  "get rolebindings -A",
  "get clusterrolebindings",
  "describe clusterrole view",
  "rollout status deployment/web",
  "version",
  "api-resources",
  "api-resources --namespaced=false",
  "api-versions",
  "auth can-i create pods",
  "auth can-i delete nodes --all-namespaces",
  "auth can-i --list",
  "auth can-i list secrets --as=system:serviceaccount:default:default",
  "auth can-i get pods --as=system:serviceaccount:kube-system:replicaset-controller -n kube-system",
  "rollout history deployment/web",
  "describe deployment web",
  "describe node worker1",
  "describe cm settings",
  "describe svc web",
  "explain pod",
  "explain deployment.spec.replicas",
  // The course text's commands (kubectl exec needs SPDY/WebSocket streams: not on the REST face).
  // (get nodes -o wide, get pods -n kube-system and get endpoints kube-scheduler are above.)
  "get --raw='/healthz'",
  "get --raw /version",
  "get pods -A --sort-by=.metadata.name",
  "get cm nope",
  "get widgets",
];

describe.skipIf(binaries.length === 0)("golden: real kubectl vs the web terminal", () => {
  let lab: Lab;
  const terminal = (command: string) => runTerminalCommand(lab.sandboxId, `kubectl ${command}`);
  beforeAll(async () => {
    lab = await startLab();
    await seedLab(lab, [
      "create deployment web --image=nginx:1.25 --replicas=2",
      // One key: kubectl describe ranges over a Go map, so several keys print in random order.
      "create configmap settings --from-literal=mode=dev",
      "expose deployment web --port=80",
    ]);
    await lab.kubectl(["rollout", "status", "deployment/web", "--timeout=30s"], {
      timeoutMs: 40_000,
    });
  }, 90_000);
  afterAll(async () => {
    await lab?.close();
  });

  it.each(GOLDEN)("kubectl %s", async (command) => {
    // The terminal parses quotes itself; the real binary gets them removed, as a shell would.
    const args = command.split(" ").map((a) => a.replace(/'/g, ""));
    const real = await lab.kubectl(args);
    const emulated = await terminal(command);
    expect({
      code: emulated.exitCode,
      stdout: normalize(emulated.stdout),
      stderr: normalize(emulated.stderr),
    }).toEqual({ code: real.code, stdout: normalize(real.stdout), stderr: normalize(real.stderr) });
  });
});
