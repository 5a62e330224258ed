// What `kubectl exec` decides before anything runs in the container: its flags, the
// pod (TYPE/NAME resolved as kubectl does), the container, and the refusals kubectl,
// kube-apiserver and the kubelet give - the same ones the REST face gives the real
// kubectl (lib/k8s-api/exec/exec-target.ts). Shared by the terminal's one-shot
// `kubectl exec` (exec-logs.ts) and its interactive shell (lib/terminal/container-shell.ts).

import type { KubeObject } from "../../apiserver/object";
import { CliError } from "../errors";
import type { CommandContext } from "../types";
import { expectObject } from "./api";
import { attachablePod } from "./attachable-pod";
import type { ContainerTarget, ExecContainer, ExecVolume } from "./container-exec";
import type { ExecStreams } from "./container-shell";
import { defaultContainer, defaultedNotice, type PodContainers } from "./default-container";
import { flagBool, flagString, parseFlags } from "./flags";
import { durationFlag } from "./logs";

export interface ResolvedExec {
  /** The command to run in the container (after `--`). */
  argv: string[];
  target: ContainerTarget;
  streams: ExecStreams;
  /** kubectl's "Found N pods, using pod/…" line for TYPE/NAME, or "". */
  notice: string;
}

export async function resolveKubectlExec(
  args: readonly string[],
  ctx: CommandContext,
): Promise<ResolvedExec> {
  const p = parseFlags(
    args,
    [
      { name: "stdin", short: "i", type: "bool" },
      { name: "tty", short: "t", type: "bool" },
      { name: "container", short: "c", type: "string" },
      { name: "quiet", short: "q", type: "bool" },
      { name: "pod-running-timeout", type: "string" },
    ],
    "kubectl exec",
  );
  // cmdutil.GetPodRunningTimeoutFlag: exec waits up to a minute for TYPE/NAME's pod.
  const podTimeoutMs = durationFlag(p, "pod-running-timeout", 60_000, "exec");
  const podArg = p.positional[0];
  if (!podArg) throw new CliError("error: pod, type/name or --filename must be specified");
  if (!p.dashDash)
    throw new CliError(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples",
    );
  if (p.rest.length === 0)
    throw new CliError("error: you must specify at least one command for the container");
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  if (podTimeoutMs <= 0)
    throw new CliError("error: --pod-running-timeout must be higher than zero");
  const { name, notice } = await attachablePod(podArg, ns, ctx, { timeoutMs: podTimeoutMs });
  const resp = await ctx.env.request({
    method: "GET",
    path: `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(name)}`,
  });
  const pod = expectObject<
    KubeObject & {
      spec: PodContainers & {
        containers: ExecContainer[];
        nodeName?: string;
        volumes?: ExecVolume[];
      };
      status?: {
        phase?: string;
        containerStatuses?: { name: string; state?: { running?: unknown } }[];
      };
    }
  >(resp);
  const asked = flagString(p, "container");
  const containerName = asked ?? defaultContainer(pod);
  const container = pod.spec.containers.find((c) => c.name === containerName);
  const defaulted = asked || flagBool(p, "quiet") ? "" : defaultedNotice(pod);
  if (!container)
    throw new CliError(
      `Error from server (BadRequest): container ${containerName} is not valid for pod ${name}`,
    );
  // kubectl's own check, then kube-apiserver's (no node), then the kubelet's (not running).
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
  return {
    argv: p.rest,
    notice: notice + defaulted,
    streams: { stdin: flagBool(p, "stdin"), tty: flagBool(p, "tty") },
    target: {
      namespace: ns,
      podName: name,
      nodeName: pod.spec.nodeName,
      container,
      volumes: pod.spec.volumes ?? [],
    },
  };
}
