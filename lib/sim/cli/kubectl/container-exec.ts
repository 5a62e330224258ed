// What runs INSIDE a container for `kubectl exec`: etcdctl in etcd pods, env,
// hostname, cat/ls of mounted ConfigMaps and Secrets. Shared by the web terminal's
// kubectl exec and the REST face's exec stream (lib/k8s-api/exec), so both print the
// same text. Returns the container's own output and exit code; "command terminated
// with exit code N" is kubectl's line and is added by the caller.

import { CliError } from "../errors";
import { etcdctl } from "../etcdctl/etcdctl";
import type { CommandContext, CommandResult } from "../types";

export interface ExecContainer {
  name: string;
  env?: { name: string; value?: string }[];
  volumeMounts?: { name: string; mountPath: string }[];
}

export interface ExecVolume {
  name: string;
  configMap?: { name: string };
  secret?: { secretName: string };
}

/** The container a command runs in: its pod (name, namespace, node, volumes) and spec. */
export interface ContainerTarget {
  namespace: string;
  podName: string;
  nodeName?: string;
  container: ExecContainer;
  volumes: ExecVolume[];
}

/** Programs the simulated containers know (for the "not simulated" message and shells). */
export const SHELLS = ["sh", "bash", "/bin/sh", "/bin/bash"];

/** Files the container sees from its ConfigMap and Secret volumes (one file per key). */
async function mountedFiles(
  ctx: CommandContext,
  target: ContainerTarget,
): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const ns = target.namespace;
  for (const m of target.container.volumeMounts ?? []) {
    const v = target.volumes.find((x) => x.name === m.name);
    const ref = v?.configMap
      ? `/api/v1/namespaces/${ns}/configmaps/${v.configMap.name}`
      : v?.secret
        ? `/api/v1/namespaces/${ns}/secrets/${v.secret.secretName}`
        : undefined;
    if (!ref) continue;
    const resp = await ctx.env.request({ method: "GET", path: ref });
    if (resp.kind !== "object" || resp.code >= 400) continue;
    const data = (resp.body as { data?: Record<string, string> }).data ?? {};
    for (const [k, val] of Object.entries(data))
      files[`${m.mountPath.replace(/\/$/, "")}/${k}`] = v?.secret
        ? decodeURIComponent(escape(atob(val)))
        : val;
  }
  return files;
}

function environment(target: ContainerTarget): [string, string][] {
  return [
    ["PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
    ["HOSTNAME", target.podName],
    ...((target.container.env ?? []).map((e) => [e.name, e.value ?? ""]) as [string, string][]),
    ["KUBERNETES_SERVICE_HOST", "10.96.0.1"],
    ["KUBERNETES_SERVICE_PORT", "443"],
    ["KUBERNETES_SERVICE_PORT_HTTPS", "443"],
    ["KUBERNETES_PORT", "tcp://10.96.0.1:443"],
    ["HOME", "/root"],
  ];
}

async function catOrLs(
  prog: "cat" | "ls",
  args: readonly string[],
  ctx: CommandContext,
  target: ContainerTarget,
): Promise<CommandResult> {
  const files = await mountedFiles(ctx, target);
  let stdout = "";
  let stderr = "";
  for (const path of args.filter((a) => !a.startsWith("-"))) {
    const clean = path.replace(/\/$/, "");
    const inDir = Object.keys(files)
      .filter((f) => f.startsWith(`${clean}/`))
      .map((f) => f.slice(clean.length + 1).split("/")[0]!);
    if (prog === "cat" && files[clean] !== undefined) stdout += files[clean];
    else if (prog === "ls" && inDir.length) stdout += `${[...new Set(inDir)].sort().join("\n")}\n`;
    else if (prog === "ls" && files[clean] !== undefined) stdout += `${clean}\n`;
    else
      stderr += `${prog}: ${prog === "ls" ? "cannot access '" + path + "'" : path}: No such file or directory\n`;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

/** Runs argv inside the container; a program's own error becomes its stderr and exit code. */
export async function runInContainer(
  argv: readonly string[],
  ctx: CommandContext,
  target: ContainerTarget,
): Promise<CommandResult> {
  const [prog, ...rest] = argv;
  try {
    if (prog === "etcdctl" && target.container.name === "etcd")
      return await etcdctl(argv, ctx, target.nodeName ? { localMember: target.nodeName } : {});
    if (prog === "env" || prog === "printenv") {
      const env = environment(target);
      return { stdout: env.map(([k, v]) => `${k}=${v}\n`).join(""), stderr: "", exitCode: 0 };
    }
    if (prog === "hostname") return { stdout: `${target.podName}\n`, stderr: "", exitCode: 0 };
    if (prog === "echo") return { stdout: `${rest.join(" ")}\n`, stderr: "", exitCode: 0 };
    if (prog === "true") return { stdout: "", stderr: "", exitCode: 0 };
    if (prog === "false") return { stdout: "", stderr: "", exitCode: 1 };
    if (prog === "cat" || prog === "ls") return await catOrLs(prog, rest, ctx, target);
  } catch (e) {
    if (ctx.env.isUnavailable?.(e) || !(e instanceof CliError)) throw e;
    const text = e.stderr.endsWith("\n") || !e.stderr ? e.stderr : `${e.stderr}\n`;
    return { stdout: "", stderr: text, exitCode: e.exitCode };
  }
  return {
    stdout: "",
    stderr: `이 시뮬레이터의 컨테이너 안에서는 ${prog} 명령을 실행할 수 없습니다 (지원: etcdctl(etcd 파드), env, hostname, echo, 마운트된 ConfigMap/Secret의 cat·ls).\n`,
    exitCode: 127,
  };
}

/** kubectl's own line after a command that exited non-zero (remotecommand's ExitError). */
export function terminatedLine(exitCode: number): string {
  return exitCode === 0 ? "" : `command terminated with exit code ${exitCode}\n`;
}
