// kubectl exec/attach/port-forward from each real kubectl present (SPDY for
// kubectl ≤ 1.29, WebSocket v5 for newer ones, with their SPDY fallback on
// refusals) against a sandbox over the HTTPS listener: exit codes, and the same
// text as the web terminal's kubectl exec prints for the same command.

import { spawn, spawnSync } from "node:child_process";
import { connect } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTerminalCommand } from "@/lib/terminal/run-command";
import { NO_NETWORK_REASON } from "@/lib/k8s-api/exec/port-forward";
import { kubectlBinaries, startLab, type Lab } from "./harness";

const binaries = kubectlBinaries();
if (binaries.length === 0) console.warn("conformance: no kubectl binary found on PATH; skipping");

const ETCD_HEALTH =
  "exec -n kube-system etcd-master1 -- etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key endpoint health";

const APP = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: nginx:1.25
    env:
    - name: MODE
      value: lab
    volumeMounts:
    - name: cfg
      mountPath: /etc/config
  - name: side
    image: busybox:1.36
    command: ["sleep", "3600"]
  volumes:
  - name: cfg
    configMap:
      name: app-config
---
apiVersion: v1
kind: Pod
metadata:
  name: stuck
spec:
  nodeSelector:
    disk: none-has-this
  containers:
  - name: app
    image: nginx:1.25
`;

/** Same command through the terminal; these cases are deterministic (no ages, no times). */
const PARITY = [
  ETCD_HEALTH,
  "exec app -c app -- env",
  "exec app -c app -- ls /etc/config",
  "exec app -c app -- cat /etc/config/level",
  "exec app -c app -- cat /etc/config/missing",
  "exec app -c app -- hostname",
  "exec stuck -- env",
  "exec nope -- env",
  "exec app -c nope -- env",
];

describe.skipIf(binaries.length === 0).each(binaries)("$name exec", ({ bin }) => {
  let lab: Lab;
  const k = (args: string[], opts: { stdin?: string; timeoutMs?: number } = {}) =>
    lab.kubectl(args, { bin, ...opts });
  beforeAll(async () => {
    lab = await startLab(bin);
    await k(["create", "configmap", "app-config", "--from-literal=level=debug"]);
    expect((await k(["apply", "-f", "-"], { stdin: APP })).code).toBe(0);
    // Polled rather than `kubectl wait`: the point here is exec, not watch.
    let phase = "";
    for (let i = 0; i < 50 && phase !== "Running"; i++) {
      phase = (await k(["get", "pod", "app", "-o", "jsonpath={.status.phase}"])).stdout;
      if (phase !== "Running") await new Promise((r) => setTimeout(r, 1000));
    }
    expect(phase).toBe("Running");
  }, 90_000);
  afterAll(async () => {
    await lab?.close();
  });

  it.each(PARITY)("kubectl %s: exit code and text as the web terminal", async (command) => {
    const real = await k(command.split(" "));
    const terminal = await runTerminalCommand(lab.sandboxId, `kubectl ${command}`);
    expect(real.code).toBe(terminal.exitCode);
    expect(real.stdout).toBe(terminal.stdout);
    expect(real.stderr).toBe(terminal.stderr);
  });

  it("the course's etcd health check and the container's env", async () => {
    const r = await k(ETCD_HEALTH.split(" "));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^https:\/\/127\.0\.0\.1:2379 is healthy: successfully committed proposal: took = \S+ms\n$/,
    );
    const env = await k(["exec", "app", "-c", "app", "--", "env"]);
    expect(env.stdout).toContain("MODE=lab\n");
    expect(env.stdout).toContain("HOSTNAME=app\n");
  });

  it("exit codes propagate: command terminated with exit code N", async () => {
    const r = await k(["exec", "app", "-c", "app", "--", "cat", "/etc/config/missing"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "cat: /etc/config/missing: No such file or directory\ncommand terminated with exit code 1\n",
    );
    const unknown = await k(["exec", "app", "-c", "app", "--", "nslookup", "web"]);
    expect(unknown.code).toBe(127);
    expect(unknown.stderr).toMatch(/\ncommand terminated with exit code 127\n$/);
  });

  it("-i sh reads commands from stdin; exit N ends it with N", async () => {
    const r = await k(["exec", "-i", "app", "-c", "app", "--", "sh"], {
      stdin: "hostname\ncat /etc/config/level\necho\nexit 4\nhostname\n",
    });
    expect(r.stdout).toBe("app\ndebug\n");
    expect(r.code).toBe(4);
    expect(r.stderr).toBe("command terminated with exit code 4\n");
    const eof = await k(["exec", "-i", "app", "-c", "app", "--", "sh"], { stdin: "hostname\n" });
    expect(eof).toEqual({ code: 0, stdout: "app\n", stderr: "" });
  });

  it.skipIf(!hasScript)("-it sh in a real TTY (script): prompt, CR LF, resize stream", async () => {
    const r = await inTty(lab, `${bin} exec -it app -c app -- sh`, "hostname\nexit 3\n");
    expect(r.stdout).toContain("# app\r\n# ");
    expect(r.stdout).toContain("command terminated with exit code 3");
    expect(r.code).toBe(3);
  });

  it("attach connects and stays open silently (the simulated process writes nothing live)", async () => {
    const r = await k(["attach", "app", "-c", "app"], { timeoutMs: 4_000 });
    // Killed by the timeout while attached: only kubectl's own hint, no error, nothing streamed.
    expect(r).toEqual({
      code: -1,
      stdout: "",
      stderr: "If you don't see a command prompt, try pressing enter.\n",
    });
    expect((await k(["attach", "stuck"])).stderr).toBe(
      "If you don't see a command prompt, try pressing enter.\nError from server (BadRequest): pod stuck does not have a host assigned\n",
    );
  });

  it("refusals as kube-apiserver and kubelet give them", async () => {
    expect(await k(["exec", "nope", "--", "env"])).toEqual({
      code: 1,
      stdout: "",
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
    });
    expect((await k(["exec", "app", "-c", "x", "--", "env"])).stderr).toBe(
      "Error from server (BadRequest): container x is not valid for pod app\n",
    );
    expect((await k(["exec", "stuck", "--", "env"])).stderr).toBe(
      "Error from server (BadRequest): pod stuck does not have a host assigned\n",
    );
  });

  it("port-forward: each connection is refused on its error stream, said plainly", async () => {
    const out = await portForwardOnce(lab, bin);
    expect(out.forwarding).toMatch(/^Forwarding from 127\.0\.0\.1:\d+ -> 80$/);
    expect(out.stderr).toContain("error forwarding port 80 to pod ");
    expect(out.stderr).toContain(NO_NETWORK_REASON);
  });
});

const hasScript = spawnSync("sh", ["-c", "command -v script"]).status === 0;

/** Runs a command in a pseudo-terminal (util-linux script), typing `input` once it is up. */
function inTty(
  lab: Lab,
  command: string,
  input: string,
): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const typed = input.replace(/\n/g, "\\n");
    const child = spawn(
      "sh",
      ["-c", `(sleep 3; printf '${typed}'; sleep 3) | script -qfec "${command}" /dev/null`],
      {
        env: {
          ...process.env,
          HOME: lab.dir,
          KUBECONFIG: lab.kubeconfig,
          KUBECACHEDIR: path.join(lab.dir, "cache"),
        },
      },
    );
    let stdout = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout });
    });
  });
}

/** Runs kubectl port-forward, connects once to its local port, returns what it printed. */
function portForwardOnce(lab: Lab, bin: string): Promise<{ forwarding: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin, ["port-forward", "pod/app", ":80"], {
      env: {
        ...process.env,
        HOME: lab.dir,
        KUBECONFIG: lab.kubeconfig,
        KUBECACHEDIR: path.join(lab.dir, "cache"),
      },
    });
    let stdout = "";
    let stderr = "";
    let forwarding = "";
    const done = () => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      resolve({ forwarding, stderr });
    };
    const timer = setTimeout(done, 15_000);
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
      if (/error forwarding port/.test(stderr)) setTimeout(done, 200);
    });
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
      const m = /^(Forwarding from 127\.0\.0\.1:(\d+) -> 80)$/m.exec(stdout);
      if (!m || forwarding) return;
      forwarding = m[1]!;
      const socket = connect(Number(m[2]), "127.0.0.1", () =>
        socket.write("GET / HTTP/1.0\r\n\r\n"),
      );
      socket.on("error", () => undefined);
      socket.on("close", () => setTimeout(done, 500));
    });
    child.on("close", done);
  });
}
