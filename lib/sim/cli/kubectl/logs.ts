// kubectl logs (cmd/logs + polymorphichelpers.LogsForObject): the pod (or the pods of
// -l, or the pod a controller's selector picks), kubectl's own container defaulting and
// checks, then one pods/log request per container, printed one after another.

import { parseGoDuration } from "../../kubeadm/duration";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { expectObject, serverError } from "./api";
import { attachablePod } from "./attachable-pod";
import { flagBool, flagString, parseFlags, type ParsedArgs } from "./flags";

interface LogPod {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: {
    containers: { name: string }[];
    initContainers?: { name: string }[];
    ephemeralContainers?: { name: string }[];
  };
}

const USAGE = "See 'kubectl logs -h' for help and examples";
const usage = (msg: string) => new CliError(`error: ${msg}\n${USAGE}`);
const flagError = (msg: string, command = "logs") =>
  new CliError(`error: ${msg}\nSee 'kubectl ${command} --help' for usage.`);

/** A pflag Duration flag's value in ms (pflag's own error for bad text). */
export function durationFlag(
  p: ParsedArgs,
  name: string,
  fallback: number,
  command = "logs",
): number {
  const text = flagString(p, name);
  if (text === undefined) return fallback;
  const ms = parseGoDuration(text);
  if (ms === null)
    throw flagError(
      `invalid argument "${text}" for "--${name}" flag: time: invalid duration "${text}"`,
      command,
    );
  return ms;
}

/** podcmd.AllContainerNames: containers, then ephemeral, then init ones. */
function allContainerNames(pod: LogPod): string {
  return [
    ...pod.spec.containers.map((c) => c.name),
    ...(pod.spec.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(", ");
}

interface LogRequest {
  pod: string;
  container: string;
}

/** logsForObjectWithClient for one pod: which containers' logs, and kubectl's notices. */
function containersOf(
  pod: LogPod,
  container: string | undefined,
  allContainers: boolean,
): { requests: LogRequest[]; notice: string } {
  const name = pod.metadata.name;
  const exists = (c: string) =>
    [
      ...pod.spec.containers,
      ...(pod.spec.initContainers ?? []),
      ...(pod.spec.ephemeralContainers ?? []),
    ].some((x) => x.name === c);
  if (allContainers) {
    const all = [
      ...(pod.spec.initContainers ?? []),
      ...pod.spec.containers,
      ...(pod.spec.ephemeralContainers ?? []),
    ];
    return { requests: all.map((c) => ({ pod: name, container: c.name })), notice: "" };
  }
  let notice = "";
  let chosen = container;
  const annotations = pod.metadata.annotations ?? {};
  if (!chosen) {
    const preset =
      annotations["kubectl.kubernetes.io/default-logs-container"] ||
      annotations["kubectl.kubernetes.io/default-container"];
    if (preset) {
      if (exists(preset)) chosen = preset;
      else notice += `Default container name "${preset}" not found in pod ${name}\n`;
    }
  }
  if (!chosen) {
    chosen = pod.spec.containers[0]!.name;
    if (
      pod.spec.containers.length > 1 ||
      (pod.spec.initContainers ?? []).length > 0 ||
      (pod.spec.ephemeralContainers ?? []).length > 0
    )
      notice += `Defaulted container "${chosen}" out of: ${allContainerNames(pod)}\n`;
  }
  if (!exists(chosen))
    throw new CliError(`error: container ${chosen} is not valid for pod ${name}`);
  return { requests: [{ pod: name, container: chosen }], notice };
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
      { name: "since-time", type: "string" },
      { name: "selector", short: "l", type: "string" },
      { name: "max-log-requests", type: "int" },
      { name: "prefix", type: "bool" },
      { name: "pod-running-timeout", type: "string" },
      { name: "limit-bytes", type: "int" },
      { name: "ignore-errors", type: "bool" },
      { name: "insecure-skip-tls-verify-backend", type: "bool" },
    ],
    "kubectl logs",
  );
  const sinceMs = durationFlag(p, "since", 0);
  const podTimeoutMs = durationFlag(p, "pod-running-timeout", 20_000);
  const selector = flagString(p, "selector") ?? "";
  const flagContainer = flagString(p, "container");
  // LogsOptions.Complete: argument shapes.
  const [resourceArg, inlineContainer] = p.positional;
  if (p.positional.length === 0 && !selector)
    throw usage(
      "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command",
    );
  if (p.positional.length === 1 && selector)
    throw usage("only a selector (-l) or a POD name is allowed");
  if (p.positional.length > 2)
    throw usage(
      "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command",
    );
  const container = inlineContainer ?? flagContainer;
  const sinceTime = flagString(p, "since-time");
  if (
    sinceTime !== undefined &&
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(sinceTime)
  )
    throw new CliError(`error: ${sinceTime} is not a valid RFC3339 time`);
  if (podTimeoutMs <= 0)
    throw new CliError("error: --pod-running-timeout must be higher than zero");
  // LogsOptions.Validate.
  const allContainers = flagBool(p, "all-containers");
  const tailText = flagString(p, "tail");
  const tail = tailText === undefined ? -1 : Number(tailText);
  const limitBytes = Number(flagString(p, "limit-bytes") ?? 0);
  if (sinceTime && sinceMs !== 0)
    throw new CliError("error: at most one of `sinceTime` or `sinceSeconds` may be specified");
  if (allContainers && container)
    throw new CliError(
      `error: --all-containers=true should not be specified with container name ${container}`,
    );
  if (flagContainer !== undefined && inlineContainer !== undefined)
    throw new CliError("error: only one of -c or an inline [CONTAINER] arg is allowed");
  if (limitBytes < 0) throw new CliError("error: --limit-bytes must be greater than 0");
  if (sinceMs < 0) throw new CliError("error: --since must be greater than 0");
  if (tail < -1) throw new CliError("error: --tail must be greater than or equal to -1");

  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  let stderr = "";
  let pods: LogPod[];
  if (selector) {
    const list = expectObject<{ items?: LogPod[] }>(
      await ctx.env.request({
        method: "GET",
        path: `/api/v1/namespaces/${ns}/pods`,
        query: { labelSelector: selector },
      }),
    );
    pods = list.items ?? [];
    if (pods.length === 0) stderr += `No resources found in ${ns} namespace.\n`;
  } else {
    const target = await attachablePod(resourceArg!, ns, ctx, {
      purpose: "logs",
      timeoutMs: podTimeoutMs,
    });
    stderr += target.notice;
    pods = [
      expectObject<LogPod>(
        await ctx.env.request({
          method: "GET",
          path: `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(target.name)}`,
        }),
      ),
    ];
  }
  const requests: LogRequest[] = [];
  try {
    for (const pod of pods) {
      const r = containersOf(pod, container, allContainers);
      stderr += r.notice;
      requests.push(...r.requests);
    }
  } catch (e) {
    // kubectl wrote "Found N pods…" / "Defaulted container…" to stderr before failing.
    if (e instanceof CliError) throw new CliError(stderr + e.stderr, e.exitCode);
    throw e;
  }
  const maxRequests = Number(flagString(p, "max-log-requests") ?? 5);
  if (flagBool(p, "follow") && requests.length > 1 && requests.length > maxRequests)
    throw new CliError(
      `error: you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit`,
    );
  const query: Record<string, string> = {};
  if (flagBool(p, "previous")) query.previous = "true";
  // With a selector and no --tail, kubectl shows the last 10 lines of each container.
  if (tail >= 0) query.tailLines = String(tail);
  else if (selector && tailText === undefined) query.tailLines = "10";
  if (flagBool(p, "timestamps")) query.timestamps = "true";
  if (sinceMs > 0) query.sinceSeconds = String(Math.ceil(sinceMs / 1000));
  if (sinceTime) query.sinceTime = sinceTime;
  if (limitBytes > 0) query.limitBytes = String(limitBytes);
  const prefix = flagBool(p, "prefix");
  let stdout = "";
  for (const r of requests) {
    const resp = await ctx.env.request({
      method: "GET",
      path: `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(r.pod)}/log`,
      query: { ...query, container: r.container },
    });
    if (resp.kind !== "text" || resp.code >= 400) {
      const err = serverError(resp);
      // --ignore-errors: kubectl writes the error into the output and goes on.
      if (!flagBool(p, "ignore-errors"))
        return { stdout, stderr: `${stderr}${err.message}\n`, exitCode: err.exitCode };
      stdout += `${err.message}\n`;
      continue;
    }
    stdout += prefix ? resp.body.replace(/^(?=.)/gm, `[pod/${r.pod}/${r.container}] `) : resp.body;
  }
  return { stdout, stderr, exitCode: 0 };
}
