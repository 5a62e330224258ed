// One container's life on virtual time: image pull, start, exit, restart with the
// kubelet's crash back-off (10 s doubling to 5 min), liveness kills. A pure step
// from the stored ContainerStatus to the one at `now`, with the events the kubelet
// records for every transition it passes (a fast-forward may pass several).

import { formatTime, parseTime } from "../clock";
import { asNumber, asObj, asString, type Obj } from "../controllers/shared/fields";
import { containerBehaviour, probeFails, pullDurationMs } from "./container-behaviour";
import { hex64, imageID, normalizeImage } from "./images";

export interface KubeletEvent {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
  fieldPath: string;
}

export interface ContainerInput {
  container: Obj;
  stored: Obj | undefined;
  restartPolicy: string;
  /** When the kubelet first started the pod (status.startTime), ms. */
  podStart: number;
  podRef: string;
  podUid: string;
  imagePresent: (image: string) => boolean;
  now: number;
}

export interface ContainerOutput {
  status: Obj;
  events: KubeletEvent[];
  /** Images this step pulled onto the node. */
  pulled: string[];
  /**
   * The next virtual time at which this container changes without anything else changing
   * (pull done, exit, back-off end, ImagePullBackOff); Infinity when only a change wakes it.
   */
  wakeAt: number;
}

export const MAX_BACKOFF_MS = 300_000;
export function backoffMs(restartCount: number): number {
  return Math.min(10_000 * 2 ** restartCount, MAX_BACKOFF_MS);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(3).replace(/\.?0+$/, "")}s`;

export function stepContainer(input: ContainerInput): ContainerOutput {
  const c = input.container;
  const name = asString(c.name);
  const image = asString(c.image);
  const fieldPath = `spec.containers{${name}}`;
  const events: KubeletEvent[] = [];
  const pulled: string[] = [];
  const ev = (type: KubeletEvent["type"], reason: string, message: string) =>
    events.push({ type, reason, message, fieldPath });
  const behaviour = containerBehaviour(c);
  const liveness = asObj(c.livenessProbe);
  let runMs = behaviour.runMs;
  let exitCode = behaviour.exitCode;
  let livenessKill = false;
  if (c.livenessProbe && probeFails(liveness)) {
    const killAt =
      (asNumber(liveness.initialDelaySeconds) +
        asNumber(liveness.periodSeconds, 10) * asNumber(liveness.failureThreshold, 3)) *
      1000;
    if (killAt < runMs) {
      runMs = killAt;
      exitCode = 137;
      livenessKill = true;
    }
  }
  const containerID = (restarts: number) =>
    `containerd://${hex64(`${input.podUid}/${name}/${restarts}`)}`;
  // Never changed in place (each step builds a new object): the stored status is shared.
  let st: Obj = input.stored
    ? input.stored
    : {
        name,
        image: normalizeImage(image),
        imageID: "",
        lastState: {},
        ready: false,
        restartCount: 0,
        started: false,
        state: { waiting: { reason: "ContainerCreating" } },
      };
  const start = (at: number, restarts: number) => {
    ev("Normal", "Created", `Created container ${name}`);
    ev("Normal", "Started", `Started container ${name}`);
    // Object.assign: containerID is new to a created status, and a spread adding a key is slow.
    st = Object.assign({}, st, {
      containerID: containerID(restarts),
      imageID: imageID(image),
      restartCount: restarts,
      started: true,
      state: { running: { startedAt: formatTime(at) } },
    });
  };
  // Until the loop below proves otherwise, wake at once (a guard exhausted: keep stepping).
  let wakeAt = input.now;
  for (let guard = 0; guard < 64; guard++) {
    const state = asObj(st.state);
    const waiting = state.waiting ? asObj(state.waiting) : undefined;
    const running = state.running ? asObj(state.running) : undefined;
    const restarts = asNumber(st.restartCount);
    if (waiting && asString(waiting.reason) !== "CrashLoopBackOff") {
      const reason = asString(waiting.reason);
      if (!behaviour.pullable) {
        if (reason === "ContainerCreating") {
          ev("Normal", "Pulling", `Pulling image "${image}"`);
          const ref = normalizeImage(image);
          ev(
            "Warning",
            "Failed",
            `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`,
          );
          ev("Warning", "Failed", "Error: ErrImagePull");
          st = {
            ...st,
            state: {
              waiting: {
                reason: "ErrImagePull",
                message: `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`,
              },
            },
          };
          wakeAt = input.podStart + 10_000;
        } else if (reason === "ErrImagePull" && input.now < input.podStart + 10_000) {
          wakeAt = input.podStart + 10_000;
        } else if (reason === "ErrImagePull") {
          ev("Normal", "BackOff", `Back-off pulling image "${image}"`);
          ev("Warning", "Failed", "Error: ImagePullBackOff");
          st = {
            ...st,
            state: {
              waiting: { reason: "ImagePullBackOff", message: `Back-off pulling image "${image}"` },
            },
          };
          wakeAt = Infinity;
        } else wakeAt = Infinity;
        break;
      }
      const policy = asString(
        c.imagePullPolicy,
        imageTagIsLatest(image) ? "Always" : "IfNotPresent",
      );
      const present = input.imagePresent(normalizeImage(image));
      if (present && policy !== "Always") {
        ev("Normal", "Pulled", `Container image "${image}" already present on machine`);
        start(input.stored ? input.now : input.podStart, restarts);
        continue;
      }
      const pullMs = present ? 500 : pullDurationMs(image);
      if (!input.stored) ev("Normal", "Pulling", `Pulling image "${image}"`);
      const doneAt = input.podStart + pullMs;
      if (input.now < doneAt) {
        wakeAt = doneAt;
        break;
      }
      ev(
        "Normal",
        "Pulled",
        `Successfully pulled image "${image}" in ${seconds(pullMs)} (${seconds(pullMs)} including waiting)`,
      );
      pulled.push(normalizeImage(image));
      start(doneAt, restarts);
      continue;
    }
    if (running) {
      const startedAt = parseTime(asString(running.startedAt));
      const endAt = startedAt + runMs;
      if (input.now < endAt) {
        wakeAt = endAt;
        break;
      }
      if (livenessKill) {
        ev("Warning", "Unhealthy", `Liveness probe failed: ${probeFailure(liveness)}`);
        ev("Normal", "Killing", `Container ${name} failed liveness probe, will be restarted`);
      }
      const terminated = {
        containerID: st.containerID,
        exitCode,
        finishedAt: formatTime(endAt),
        reason: exitCode === 0 ? "Completed" : "Error",
        startedAt: running.startedAt,
      };
      const restart =
        input.restartPolicy === "Always" || (input.restartPolicy === "OnFailure" && exitCode !== 0);
      if (!restart) {
        st = { ...st, ready: false, started: false, state: { terminated } };
        wakeAt = Infinity;
        break;
      }
      const backoff = backoffMs(restarts);
      ev(
        "Warning",
        "BackOff",
        `Back-off restarting failed container ${name} in pod ${input.podRef}(${input.podUid})`,
      );
      st = {
        ...st,
        ready: false,
        started: false,
        lastState: { terminated },
        state: {
          waiting: {
            reason: "CrashLoopBackOff",
            message: `back-off ${backoff / 1000 >= 60 ? `${backoff / 60000}m0s` : `${backoff / 1000}s`} restarting failed container=${name} pod=${input.podRef}(${input.podUid})`,
          },
        },
      };
      continue;
    }
    if (waiting) {
      // CrashLoopBackOff: restart once the back-off has passed.
      const last = asObj(asObj(st.lastState).terminated);
      const restartAt = parseTime(asString(last.finishedAt)) + backoffMs(restarts);
      if (input.now < restartAt) {
        wakeAt = restartAt;
        break;
      }
      ev("Normal", "Pulled", `Container image "${image}" already present on machine`);
      start(restartAt, restarts + 1);
      continue;
    }
    // Terminated and not restarted: nothing more happens to it.
    wakeAt = Infinity;
    break;
  }
  return { status: st, events, pulled, wakeAt };
}

function imageTagIsLatest(image: string): boolean {
  const last = image.split("@")[0]!.slice(image.lastIndexOf("/") + 1);
  return !last.includes(":") || last.endsWith(":latest");
}

export function probeFailure(probe: Obj): string {
  if (probe.httpGet) return "HTTP probe failed with statuscode: 500";
  return "command terminated with exit code 1";
}

/** When containerReady turns true without a change: the readiness probe's first success. */
export function containerReadyAt(status: Obj, container: Obj): number {
  const running = asObj(asObj(status.state).running);
  if (!running.startedAt) return Infinity;
  const probe = container.readinessProbe ? asObj(container.readinessProbe) : undefined;
  if (!probe || probeFails(probe)) return Infinity;
  return parseTime(asString(running.startedAt)) + asNumber(probe.initialDelaySeconds) * 1000;
}

/** Ready: running, past the readiness probe's initial delay, and the probe succeeds. */
export function containerReady(status: Obj, container: Obj, now: number): boolean {
  const running = asObj(asObj(status.state).running);
  if (!running.startedAt) return false;
  const probe = container.readinessProbe ? asObj(container.readinessProbe) : undefined;
  if (!probe) return true;
  if (probeFails(probe)) return false;
  const startedAt = parseTime(asString(running.startedAt));
  return now >= startedAt + asNumber(probe.initialDelaySeconds) * 1000;
}
