// Container logs, derived rather than stored: what a container "printed" follows
// from its command (echo ... prints its text once per run) and its image (nginx's
// start-up notices), one copy per (re)start up to the current one, so
// `kubectl logs` and `kubectl logs --previous` have something faithful to show.
// Other containers print nothing - the simulator runs no real processes.

import type { KubeObject } from "../apiserver/object";
import { asArray, asObj, asString, type Obj } from "../controllers/shared/fields";
import { commandText, imageBase } from "./container-behaviour";

export class LogsError extends Error {
  constructor(
    readonly code: 400 | 404,
    message: string,
  ) {
    super(message);
    this.name = "LogsError";
  }
}

function runOutput(container: Obj, startedAt: string): string[] {
  const cmd = commandText(container);
  const echo = /\becho\s+(["']?)(.*?)\1\s*(?:;|&&|$)/.exec(cmd);
  if (echo) return [echo[2]!];
  if (/\bdate\b/.test(cmd)) return [new Date(startedAt).toUTCString().replace("GMT", "UTC")];
  if (cmd === "" && imageBase(asString(container.image)) === "nginx") {
    return [
      "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
      "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
      "/docker-entrypoint.sh: Configuration complete; ready for start up",
      `${startedAt.replace("T", " ").replace("Z", "").replace(/-/g, "/")} [notice] 1#1: start worker processes`,
    ];
  }
  return [];
}

/** The log of one container of a pod (previous: the run before the last restart). */
export function containerLogs(pod: KubeObject, containerName?: string, previous = false): string {
  const containers = asArray(asObj(pod.spec).containers);
  const name = containerName ?? (containers.length === 1 ? asString(containers[0]!.name) : "");
  if (!name) {
    throw new LogsError(
      400,
      `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${containers.map((c) => asString(c.name)).join(" ")}]`,
    );
  }
  const container = containers.find((c) => c.name === name);
  if (!container) {
    throw new LogsError(400, `container ${name} is not valid for pod ${pod.metadata.name}`);
  }
  const status = asArray(asObj(pod.status).containerStatuses).find((s) => s.name === name);
  const state = asObj(status?.state);
  if (previous) {
    const last = asObj(asObj(status?.lastState).terminated);
    if (!last.startedAt) {
      throw new LogsError(
        400,
        `previous terminated container "${name}" in pod "${pod.metadata.name}" not found`,
      );
    }
    return runOutput(container, asString(last.startedAt))
      .map((l) => `${l}\n`)
      .join("");
  }
  const started =
    asString(asObj(state.running).startedAt) || asString(asObj(state.terminated).startedAt);
  if (!started) {
    const reason = asString(asObj(state.waiting).reason, "ContainerCreating");
    throw new LogsError(
      400,
      `container "${name}" in pod "${pod.metadata.name}" is waiting to start: ${reason}`,
    );
  }
  return runOutput(container, started)
    .map((l) => `${l}\n`)
    .join("");
}
