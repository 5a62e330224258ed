// kubectl exec (the command runs in container-exec.ts, shared with the REST face)
// and kubectl logs (the pods/log subresource).

import type { KubeObject } from "../../apiserver/object";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { expectObject, serverError } from "./api";
import { attachablePod } from "./attachable-pod";
import {
  runInContainer,
  SHELLS,
  terminatedLine,
  type ExecContainer,
  type ExecVolume,
} from "./container-exec";
import { flagBool, flagString, parseFlags } from "./flags";

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
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  const { name, notice } = await attachablePod(podArg, ns, ctx);
  const resp = await ctx.env.request({
    method: "GET",
    path: `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(name)}`,
  });
  const pod = expectObject<
    KubeObject & {
      spec: { containers: ExecContainer[]; nodeName?: string; volumes?: ExecVolume[] };
      status?: {
        phase?: string;
        containerStatuses?: { name: string; state?: { running?: unknown } }[];
      };
    }
  >(resp);
  const containerName = flagString(p, "container") ?? pod.spec.containers[0]?.name;
  const container = pod.spec.containers.find((c) => c.name === containerName);
  if (!container)
    throw new CliError(
      `Error from server (BadRequest): container ${containerName} is not valid for pod ${name}`,
    );
  // kubectl's own check, then kube-apiserver's (no node), then the kubelet's (not running):
  // the same refusals the REST face gives the real kubectl (lib/k8s-api/exec/exec-target.ts).
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed")
    throw new CliError(
      `error: cannot exec into a container in a completed pod; current phase is ${phase}`,
    );
  if (!pod.spec.nodeName)
    throw new CliError(`Error from server (BadRequest): pod ${name} does not have a host assigned`);
  const running = pod.status?.containerStatuses?.find((s) => s.name === container.name)?.state
    ?.running;
  if (!running)
    throw new CliError(
      `error: unable to upgrade connection: container not found ("${container.name}")`,
    );
  if (SHELLS.includes(p.rest[0]!))
    throw new CliError(
      "이 실습 터미널은 대화형 셸(-it sh)을 지원하지 않습니다. 'kubectl exec POD -- env'처럼 명령을 직접 실행하세요.",
      1,
    );
  const out = await runInContainer(p.rest, ctx, {
    namespace: ns,
    podName: name,
    ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    container,
    volumes: pod.spec.volumes ?? [],
  });
  return { ...out, stderr: notice + out.stderr + terminatedLine(out.exitCode) };
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
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  const { name, notice } = await attachablePod(podArg, ns, ctx);
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
    return { stdout: resp.body, stderr: notice, exitCode: 0 };
  if (
    resp.kind === "status" &&
    resp.code === 400 &&
    !c &&
    /a container name must be specified/.test(resp.body.message ?? "")
  )
    throw new CliError(`Error from server (BadRequest): ${resp.body.message}`);
  throw serverError(resp);
}
