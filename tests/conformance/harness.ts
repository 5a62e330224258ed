// Drives the real kubectl binaries against a sandbox through the real HTTPS
// listener (server/k8s-https.ts): a learner's cluster sandbox, a kubeconfig with
// a fresh token, a private discovery cache per binary.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { db } from "@/lib/db/client";
import { issueKubeToken } from "@/lib/db/kube-tokens";
import { kubeconfigYaml } from "@/lib/k8s-api/kubeconfig";
import { setWatchPollInterval } from "@/lib/k8s-api/watch-hub";
import { runTerminalCommand } from "@/lib/terminal/run-command";
import { createUserSandbox } from "@/lib/terminal/user-sandbox";
import { createCertificateAuthority, issueServingCertificate } from "@/lib/tls/certificates";
import { startKubeApiServer, type KubeApiServer } from "@/server/k8s-https";

/** The kubectl binaries present: the one on PATH and the versioned ones beside its target. */
export function kubectlBinaries(): { name: string; bin: string }[] {
  const which = spawnSync("sh", ["-c", "command -v kubectl"], { encoding: "utf8" });
  const onPath = which.stdout.trim();
  if (!onPath) return [];
  const dir = path.dirname(realpathSync(onPath));
  const out = [{ name: "kubectl", bin: onPath }];
  for (const v of ["1.29", "1.32"]) {
    const bin = path.join(dir, `kubectl.${v}`);
    if (existsSync(bin)) out.push({ name: `kubectl.${v}`, bin });
  }
  return out;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Lab {
  sandboxId: string;
  token: string;
  server: KubeApiServer;
  kubeconfig: string;
  dir: string;
  kubectl(
    args: string[],
    opts?: { bin?: string; stdin?: string; timeoutMs?: number; cwd?: string },
  ): Promise<KubectlResult>;
  close(): Promise<void>;
}

export async function startLab(defaultBin = "kubectl"): Promise<Lab> {
  setWatchPollInterval(200);
  const dir = mkdtempSync(path.join(tmpdir(), "kubelab-conformance-"));
  const user = await db().user.create({
    data: { email: `conformance-${path.basename(dir)}@example.test`, name: "conformance" },
  });
  const sandboxId = await createUserSandbox(user.id);
  const { token } = await issueKubeToken(sandboxId);
  const ca = await createCertificateAuthority();
  const certificate = await issueServingCertificate(ca, ["localhost", "127.0.0.1"]);
  const server = await startKubeApiServer({ port: 0, host: "127.0.0.1", certificate });
  const kubeconfig = path.join(dir, "kubeconfig");
  writeFileSync(
    kubeconfig,
    kubeconfigYaml({
      sandboxId,
      serverBase: `https://127.0.0.1:${server.port}`,
      caPem: certificate.caPem,
      token,
      username: "kubernetes-admin",
    }),
  );
  const kubectl: Lab["kubectl"] = (args, opts = {}) =>
    new Promise((resolve) => {
      const child = spawn(opts.bin ?? defaultBin, args, {
        ...(opts.cwd ? { cwd: opts.cwd } : {}),
        env: {
          ...process.env,
          HOME: dir,
          KUBECONFIG: kubeconfig,
          KUBECACHEDIR: path.join(dir, "cache"),
        },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 30_000);
      child.on("error", (err) => {
        clearTimeout(timer);
        resolve({ code: -1, stdout, stderr: String(err) });
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code: code ?? -1, stdout, stderr });
      });
      if (opts.stdin !== undefined) child.stdin.end(opts.stdin);
      else child.stdin.end();
    });
  return {
    sandboxId,
    token,
    server,
    kubeconfig,
    dir,
    kubectl,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Puts a golden file's starting objects in the lab's sandbox through the web terminal
 * (`kubectl <command>` each, then `kubectl apply -f -` of the manifests), failing the
 * file's setup with the command's own error when one does not succeed.
 */
export async function seedLab(
  lab: Lab,
  commands: readonly string[],
  manifests?: string,
): Promise<void> {
  for (const c of commands) {
    const r = await runTerminalCommand(lab.sandboxId, `kubectl ${c}`);
    if (r.exitCode !== 0) throw new Error(`setup "${c}" failed: ${r.stderr}`);
  }
  if (manifests === undefined) return;
  const applied = await runTerminalCommand(lab.sandboxId, "kubectl apply -f -", {}, undefined, {
    stdin: manifests,
  });
  if (applied.exitCode !== 0) throw new Error(`setup apply failed: ${applied.stderr}`);
}

/**
 * Values the control plane moves on by itself between a real and an emulated run (a leader
 * renews its Lease every 2 s, a kubelet its node Lease every 10 s): their digits are masked
 * so the comparison still checks their shape.
 */
const TICKING = /^(\s*(?:Renew ?Time|Resource Version):\s+)(.+)$/gm;
export const maskTicking = (text: string) =>
  text.replace(TICKING, (_, label: string, value: string) => label + value.replace(/\d/g, "0"));
