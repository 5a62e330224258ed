// kubectl exec (a simulated shell inside containers: etcdctl in etcd pods, env)
// and kubectl logs (the pods/log subresource).

import type { KubeObject } from "../../apiserver/object";
import { CliError } from "../errors";
import { etcdctl } from "../etcdctl/etcdctl";
import type { CommandContext, CommandResult } from "../types";
import { expectObject, serverError } from "./api";
import { flagBool, flagString, parseFlags } from "./flags";

interface Container {
  name: string;
  env?: { name: string; value?: string }[];
  volumeMounts?: { name: string; mountPath: string }[];
}

interface Volume {
  name: string;
  configMap?: { name: string };
  secret?: { secretName: string };
}

/** Files the container sees from its ConfigMap and Secret volumes (one file per key). */
async function mountedFiles(
  ctx: CommandContext,
  ns: string,
  container: Container,
  volumes: Volume[],
): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const m of container.volumeMounts ?? []) {
    const v = volumes.find((x) => x.name === m.name);
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

export async function kubectlExec(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "stdin", short: "i", type: "bool" },
      { name: "tty", short: "t", type: "bool" },
      { name: "container", short: "c", type: "string" },
      { name: "quiet", short: "q", type: "bool" },
    ],
    "kubectl exec",
  );
  const podArg = p.positional[0];
  if (!podArg) throw new CliError("error: pod, type/name or --filename must be specified");
  if (!p.dashDash)
    throw new CliError(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples",
    );
  if (p.rest.length === 0)
    throw new CliError("error: you must specify at least one command for the container");
  const name = podArg.replace(/^(pod|pods|po)\//, "");
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  const resp = await ctx.env.request({
    method: "GET",
    path: `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(name)}`,
  });
  const pod = expectObject<
    KubeObject & {
      spec: { containers: Container[]; nodeName?: string; volumes?: Volume[] };
      status?: { phase?: string };
    }
  >(resp);
  const containerName = flagString(p, "container") ?? pod.spec.containers[0]?.name;
  const container = pod.spec.containers.find((c) => c.name === containerName);
  if (!container)
    throw new CliError(
      `Error from server (BadRequest): container ${containerName} is not valid for pod ${name}`,
    );
  if (pod.status?.phase !== "Running")
    throw new CliError(
      `error: unable to upgrade connection: container not found ("${container.name}")`,
    );
  const [prog, ...rest] = p.rest;
  if (prog === "etcdctl" && container.name === "etcd")
    return etcdctl(
      [prog, ...rest],
      ctx,
      pod.spec.nodeName ? { localMember: pod.spec.nodeName } : {},
    );
  if (prog === "env" || prog === "printenv") {
    const env: [string, string][] = [
      ["PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
      ["HOSTNAME", name],
      ...((container.env ?? []).map((e) => [e.name, e.value ?? ""]) as [string, string][]),
      ["KUBERNETES_SERVICE_HOST", "10.96.0.1"],
      ["KUBERNETES_SERVICE_PORT", "443"],
      ["KUBERNETES_SERVICE_PORT_HTTPS", "443"],
      ["KUBERNETES_PORT", "tcp://10.96.0.1:443"],
      ["HOME", "/root"],
    ];
    return { stdout: env.map(([k, v]) => `${k}=${v}\n`).join(""), stderr: "", exitCode: 0 };
  }
  if (prog === "hostname") return { stdout: `${name}\n`, stderr: "", exitCode: 0 };
  if (prog === "cat" || prog === "ls") {
    const files = await mountedFiles(ctx, ns, container, pod.spec.volumes ?? []);
    let stdout = "";
    let stderr = "";
    for (const path of rest.filter((a) => !a.startsWith("-"))) {
      const clean = path.replace(/\/$/, "");
      const inDir = Object.keys(files)
        .filter((f) => f.startsWith(`${clean}/`))
        .map((f) => f.slice(clean.length + 1).split("/")[0]!);
      if (prog === "cat" && files[clean] !== undefined) stdout += files[clean];
      else if (prog === "ls" && inDir.length)
        stdout += `${[...new Set(inDir)].sort().join("\n")}\n`;
      else if (prog === "ls" && files[clean] !== undefined) stdout += `${clean}\n`;
      else
        stderr += `${prog}: ${prog === "ls" ? "cannot access '" + path + "'" : path}: No such file or directory\n`;
    }
    if (stderr) stderr += "command terminated with exit code 1\n";
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  }
  const shells = ["sh", "bash", "/bin/sh", "/bin/bash"];
  if (shells.includes(prog!))
    throw new CliError(
      "이 실습 터미널은 대화형 셸(-it sh)을 지원하지 않습니다. 'kubectl exec POD -- env'처럼 명령을 직접 실행하세요.",
      1,
    );
  return {
    stdout: "",
    stderr: `이 시뮬레이터의 컨테이너 안에서는 ${prog} 명령을 실행할 수 없습니다 (지원: etcdctl(etcd 파드), env, hostname, 마운트된 ConfigMap/Secret의 cat·ls).\ncommand terminated with exit code 127\n`,
    exitCode: 127,
  };
}

export async function kubectlLogs(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "container", short: "c", type: "string" },
      { name: "follow", short: "f", type: "bool" },
      { name: "previous", short: "p", type: "bool" },
      { name: "tail", type: "int" },
      { name: "timestamps", type: "bool" },
      { name: "all-containers", type: "bool" },
      { name: "since", type: "string" },
    ],
    "kubectl logs",
  );
  const podArg = p.positional[0];
  if (!podArg)
    throw new CliError(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples",
    );
  const name = podArg.replace(/^(pod|pods|po)\//, "");
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  const query: Record<string, string> = {};
  const c = flagString(p, "container") ?? p.positional[1];
  if (c) query.container = c;
  if (flagBool(p, "previous")) query.previous = "true";
  if (flagString(p, "tail")) query.tailLines = flagString(p, "tail")!;
  if (flagBool(p, "timestamps")) query.timestamps = "true";
  const resp = await ctx.env.request({
    method: "GET",
    path: `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(name)}/log`,
    query,
  });
  if (resp.kind === "text" && resp.code < 400)
    return { stdout: resp.body, stderr: "", exitCode: 0 };
  if (
    resp.kind === "status" &&
    resp.code === 400 &&
    !c &&
    /a container name must be specified/.test(resp.body.message ?? "")
  )
    throw new CliError(`Error from server (BadRequest): ${resp.body.message}`);
  throw serverError(resp);
}
