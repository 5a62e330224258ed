// Container logs, derived rather than stored: what a container wrote follows from its
// image and command (log-lines/), its run's start and end (or "now" while it runs) on
// virtual time, so `kubectl logs -f` sees new lines as time advances and the sandbox
// stores nothing. `--previous` reads the run before the last restart.

import type { KubeObject } from "../apiserver/object";
import { asArray, asObj, asString, type Obj } from "../controllers/shared/fields";
import { parseTime } from "../clock";
import { imageBase, imageTag } from "./container-behaviour";
import { componentLines } from "./log-lines/components";
import { nginxLines } from "./log-lines/nginx";
import { shellOutput } from "./log-lines/shell-run";
import type { LogLine, RunContext } from "./log-lines/types";

export class LogsError extends Error {
  constructor(
    readonly code: 400 | 404,
    message: string,
  ) {
    super(message);
    this.name = "LogsError";
  }
}

export interface LogOptions {
  container?: string;
  previous?: boolean;
  /** Virtual now (ms): the end of a running container's log. */
  now?: number;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339 time as ms: only lines at or after it (kubelet's since). */
  sinceTime?: number;
  /** The byte budget of the answer (kubelet's LimitWriter truncates the stream). */
  limitBytes?: number;
  timestamps?: boolean;
}

const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh"]);

/** The script a container runs: `sh -c <script>`'s argument, or its command line. */
function scriptOf(parts: readonly string[]): string | undefined {
  const first = (parts[0] ?? "").split("/").pop() ?? "";
  if (SHELLS.has(first)) {
    const i = parts.indexOf("-c");
    return i >= 0 ? parts[i + 1] : undefined;
  }
  if (first === "echo" || first === "date") {
    return parts.map((p, i) => (i === 0 ? p : `'${p.replace(/'/g, "")}'`)).join(" ");
  }
  return undefined;
}

/** What one run of a container wrote between its start and endAt. */
export function runLines(container: Obj, ctx: RunContext): LogLine[] {
  const image = asString(container.image);
  const parts = [...asArray(container.command), ...asArray(container.args)].map(String);
  const base = imageBase(image);
  const component = componentLines(base, imageTag(image), parts, ctx);
  let lines: LogLine[];
  if (component) lines = component;
  else if (parts.length === 0 && base === "nginx") lines = nginxLines(container, ctx);
  else {
    const script = scriptOf(parts);
    lines = script === undefined ? [] : shellOutput(script, ctx);
  }
  return lines.filter((l) => l.at <= ctx.endAt).sort((a, b) => a.at - b.at);
}

/** kubelet's fixed-width RFC 3339 timestamp (`--timestamps`): nine fractional digits. */
export function logTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z");
}

function literalEnv(container: Obj): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of asArray(container.env)) {
    if (typeof e.value === "string") out[asString(e.name)] = e.value;
  }
  return out;
}

function waitingMessage(name: string, podName: string, state: Obj): string {
  const prefix = `container "${name}" in pod "${podName}" is waiting to start`;
  if (!state.waiting) return `${prefix} - no logs yet`;
  const reason = asString(asObj(state.waiting).reason, "ContainerCreating");
  if (reason === "ErrImagePull") return `${prefix}: image can't be pulled`;
  if (reason === "ImagePullBackOff") return `${prefix}: trying and failing to pull image`;
  return `${prefix}: ${reason}`;
}

/** The log of one container of a pod, as GET pods/<name>/log returns it. */
export function containerLogs(pod: KubeObject, opts: LogOptions = {}): string {
  const spec = asObj(pod.spec);
  const containers = asArray(spec.containers);
  const all = [...asArray(spec.initContainers), ...containers];
  const podName = pod.metadata.name ?? "";
  const name = opts.container ?? (containers.length === 1 ? asString(containers[0]!.name) : "");
  if (!name) {
    throw new LogsError(
      400,
      `a container name must be specified for pod ${podName}, choose one of: [${containers.map((c) => asString(c.name)).join(" ")}]`,
    );
  }
  const container = all.find((c) => c.name === name);
  if (!container) throw new LogsError(400, `container ${name} is not valid for pod ${podName}`);
  const podStatus = asObj(pod.status);
  const status = [
    ...asArray(podStatus.initContainerStatuses),
    ...asArray(podStatus.containerStatuses),
  ].find((s) => s.name === name);
  const state = asObj(status?.state);
  let startedAt: string;
  let endedAt: string;
  if (opts.previous) {
    const last = asObj(asObj(status?.lastState).terminated);
    if (!last.startedAt) {
      throw new LogsError(
        400,
        `previous terminated container "${name}" in pod "${podName}" not found`,
      );
    }
    startedAt = asString(last.startedAt);
    endedAt = asString(last.finishedAt);
  } else {
    // validateContainerLogStatus: the running or terminated run, else the last terminated
    // one (a container in CrashLoopBackOff shows what it printed before it exited).
    const last = asObj(asObj(status?.lastState).terminated);
    const run = state.running
      ? asObj(state.running)
      : state.terminated
        ? asObj(state.terminated)
        : last;
    startedAt = asString(run.startedAt);
    endedAt = asString(run.finishedAt);
    if (!startedAt) throw new LogsError(400, waitingMessage(name, podName, state));
  }
  const start = parseTime(startedAt);
  const now = opts.now ?? start;
  const ctx: RunContext = {
    podName,
    namespace: pod.metadata.namespace ?? "",
    nodeName: asString(spec.nodeName),
    podIP: asString(podStatus.podIP),
    startedAt: start,
    endAt: endedAt ? Math.min(parseTime(endedAt), now) : now,
    env: literalEnv(container),
  };
  let lines = runLines(container, ctx);
  if (opts.sinceSeconds !== undefined) {
    const from = now - opts.sinceSeconds * 1000;
    lines = lines.filter((l) => l.at >= from);
  }
  if (opts.sinceTime !== undefined) {
    const from = opts.sinceTime;
    lines = lines.filter((l) => l.at >= from);
  }
  if (opts.tailLines !== undefined) lines = opts.tailLines <= 0 ? [] : lines.slice(-opts.tailLines);
  const text = lines
    .map((l) => `${opts.timestamps ? `${logTimestamp(l.at)} ` : ""}${l.text}\n`)
    .join("");
  if (opts.limitBytes === undefined) return text;
  const bytes = Buffer.from(text, "utf8");
  return bytes.length <= opts.limitBytes
    ? text
    : bytes.subarray(0, opts.limitBytes).toString("utf8");
}
