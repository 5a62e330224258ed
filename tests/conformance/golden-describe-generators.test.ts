// More golden tests (same method as golden.test.ts): the terminal's describe
// printers for every kind, explain of fields, auth can-i --list with --as, and the
// generators' client dry runs, compared with the real kubectl on the same sandbox.
// (cluster-info differs by design: the terminal is on the control-plane host.)

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTerminalCommand } from "@/lib/terminal/run-command";
import { kubectlBinaries, maskTicking, startLab, type Lab } from "./harness";

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
  "describe rs",
  "describe ds -n kube-system kube-proxy",
  "describe sa bot",
  "describe secret sec",
  "describe endpoints web",
  "describe lease -n kube-system kube-scheduler",
  "describe role reader",
  "describe rolebinding rb",
  "describe clusterrolebinding cluster-admin",
  "describe job once",
  "describe quota q",
  "describe ns kube-system",
  "describe pod -n kube-system etcd-master1",
  "describe pod -n kube-system kube-apiserver-master1",
  "describe pods -n kube-system -l k8s-app=kube-dns",
  "describe node master1",
  "describe svc -n kube-system kube-dns",
  "describe deploy -n kube-system coredns",
  "describe nope",
  "describe pod nope",
  "auth can-i --list -n kube-system --as=system:serviceaccount:default:bot",
  "explain deployments",
  "explain pod.metadata",
  "explain svc.spec",
  "run solo --image=nginx --dry-run=client -o yaml",
  "create job j2 --image=busybox --dry-run=client -o yaml",
  "create role r2 --verb=get --resource=pods,deployments.apps --dry-run=client -o yaml",
  "create rolebinding rb2 --role=reader --serviceaccount=default:bot --user=alice --dry-run=client -o yaml",
  "expose deployment web --port=8080 --name=web2 --dry-run=client -o yaml",
];

describe.skipIf(binaries.length === 0)(
  "golden: describe, explain and generators, real kubectl vs the web terminal",
  () => {
    let lab: Lab;
    const terminal = (command: string) => runTerminalCommand(lab.sandboxId, `kubectl ${command}`);
    beforeAll(async () => {
      lab = await startLab();
      const setup = [
        "create deployment web --image=nginx:1.25 --replicas=2",
        // One key: kubectl describe ranges over a Go map, so several keys print in random order.
        "create configmap settings --from-literal=mode=dev",
        "expose deployment web --port=80",
        "create secret generic sec --from-literal=pw=abc",
        "create serviceaccount bot",
        "create role reader --verb=get,list --resource=pods",
        "create rolebinding rb --role=reader --serviceaccount=default:bot",
        "create job once --image=busybox",
        "create quota q --hard=pods=10",
      ];
      for (const c of setup) {
        const r = await terminal(c);
        if (r.exitCode !== 0) throw new Error(`setup "${c}" failed: ${r.stderr}`);
      }
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
      }).toEqual({
        code: real.code,
        stdout: normalize(real.stdout),
        stderr: normalize(real.stderr),
      });
    });
  },
);
