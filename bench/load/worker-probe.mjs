// Imported into each app worker by bench:load's paced phase (node --import, through
// KUBELAB_WORKER_NODE_FLAGS): where a request's time went, seen from inside the worker,
// so the tail can be attributed on a shared machine where the client's clock alone
// cannot tell queueing from work. Printed to stderr as `[kubelab-probe] {json}` lines
// (bench/load/probe-book.ts reads them):
// - "req": a request the load generator tagged (x-bench-req, x-bench-sent: its epoch ms
//   when sent): when it reached the worker's `request` event (the wait before it is the
//   kernel's queue plus the worker's event loop busy with something else), when its
//   answer finished, the GC pauses inside, the event-loop stalls while it waited, and
//   whether the lane hands it to another worker (the sandbox's owner, owner.mjs).
// - "fwd": the same request run by the owner worker (worker-entry.mjs wraps the lane
//   server's serve with `wrapForwarded`): when the owner started and finished it.
// - "stall": the event loop blocked ≥ STALL_MS (a 10 ms timer late by that much), with the
//   process's CPU time and the GC time inside it, and the requests in flight on this worker
//   then (the suspects). CPU time well under the stall's length means the worker was not
//   running (the machine's other processes had the cores), not that it was busy.
// - "loop": every WINDOW_MS, the event-loop delay histogram (perf_hooks
//   monitorEventLoopDelay) and the GC pauses of the window.
// - "clock": at start and with each "loop", the process id and its monotonic clock (µs, the
//   clock of a --cpu-prof profile's startTime and samples) beside the epoch ms, so
//   bench/load/stall-profile.ts can find a stall's samples in the worker's CPU profile.
// - "gc": a GC pause ≥ STALL_MS, with V8's kind (scavenge, mark-compact…) and flags (forced,
//   external memory…): which collections make the long stalls.
// Nothing here changes an answer; a worker without it serves exactly the same.
import http from "node:http";
import { PerformanceObserver, monitorEventLoopDelay, performance } from "node:perf_hooks";
import { ownerIndex } from "../../server/fast-lane/owner.mjs";

const PREFIX = "[kubelab-probe] ";
const STALL_MS = 20;
const TICK_MS = 10;
const WINDOW_MS = 5_000;
const KEEP_MS = 30_000;

const workers = Number(process.env.KUBELAB_WORKERS) || 1;
const index = Number(process.env.KUBELAB_WORKER_INDEX) || 0;
const sticky = workers > 1 && process.env.KUBELAB_STICKY?.trim() !== "0";
const now = () => performance.timeOrigin + performance.now();
const print = (record) =>
  process.stderr.write(`${PREFIX}${JSON.stringify({ w: index, ...record })}\n`);

/** GC pauses of the last KEEP_MS, as [start, end] epoch ms. */
const gcs = [];
let windowGc = { count: 0, ms: 0, max: 0, major: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const start = performance.timeOrigin + e.startTime;
    gcs.push([start, start + e.duration]);
    windowGc.count++;
    windowGc.ms += e.duration;
    windowGc.max = Math.max(windowGc.max, e.duration);
    // perf_hooks.constants.NODE_PERFORMANCE_GC_MAJOR
    if (e.detail?.kind === 4) windowGc.major++;
    if (e.duration >= STALL_MS)
      print({ k: "gc", start, ms: e.duration, kind: e.detail?.kind, flags: e.detail?.flags });
  }
}).observe({ entryTypes: ["gc"] });

/** Event-loop stalls of the last KEEP_MS, as [start, end] epoch ms. */
const stalls = [];

/** Time of `spans` inside [from, to]; with `only`, of the spans whose third item is it. */
function overlap(spans, from, to, only) {
  let total = 0;
  for (const [a, b, kind] of spans) {
    if (only === undefined || kind === only)
      total += Math.max(0, Math.min(b, to) - Math.max(a, from));
  }
  return total;
}

function prune(spans, before) {
  while (spans.length > 0 && spans[0][1] < before) spans.shift();
}

/** Requests on this worker: tagged id → { kind, at } while in flight; recently finished ones too. */
const inFlight = new Map();
const finished = [];
/**
 * Bumped whenever a request (tagged or not, HTTP or forwarded) starts or ends here: a
 * request that saw no bump between its start and end ran alone, so the process's CPU
 * time over it is its own (plus the idle timers'): its CPU cost, whatever the machine did.
 */
let events = 0;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function kindOf(method, path) {
  const p = (path ?? "").split("?")[0];
  const m = /^\/api\/sandboxes\/[^/]+\/([a-z-]+)$/.exec(p);
  if (m) return `${method} ${m[1]}`;
  if (/^\/api\/labs\/[^/]+\/sandbox$/.test(p)) return `${method} lab-open`;
  if (/^\/api\/labs\/[^/]+\/check$/.test(p)) return `${method} lab-check`;
  if (p.startsWith("/api/workspace/")) return `${method} workspace-files`;
  return `${method} ${p.replace(/\/[A-Za-z0-9_-]{20,}/g, "/:id")}`;
}

function sandboxIdOf(path) {
  return /^\/api\/sandboxes\/([A-Za-z0-9_-]{1,128})\/(exec|complete|history|picture)$/.exec(
    (path ?? "").split("?")[0],
  )?.[1];
}

function tagOf(headers) {
  const id = headers?.["x-bench-req"];
  const sent = Number(headers?.["x-bench-sent"]);
  return typeof id === "string" && Number.isFinite(sent) ? { id, sent } : undefined;
}

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function probedEmit(event, req, res) {
  if (event === "request") {
    events++;
    res.once("finish", () => events++);
    const tag = tagOf(req.headers);
    if (tag) {
      const at = now();
      const cpu0 = cpuMs();
      const events0 = events;
      const kind = kindOf(req.method, req.url);
      const sandbox = sticky ? sandboxIdOf(req.url) : undefined;
      const fwd = sandbox !== undefined && ownerIndex(sandbox, workers) !== index;
      inFlight.set(tag.id, { kind, at });
      res.once("finish", () => {
        const end = now();
        const alone = events === events0;
        const cpu = cpuMs() - cpu0;
        inFlight.delete(tag.id);
        finished.push({ kind, end });
        print({
          k: "req",
          id: tag.id,
          kind,
          sent: tag.sent,
          at,
          end,
          gc: overlap(gcs, at, end),
          waitStall: overlap(stalls, tag.sent, at),
          // The stalls while it waited or ran in which this worker was descheduled.
          away: overlap(stalls, tag.sent, end, "away"),
          waitGc: overlap(gcs, tag.sent, at),
          fwd: fwd ? 1 : 0,
          // Its CPU time when it ran alone here (not forwarded), else null.
          cpu: alone && !fwd ? cpu : null,
        });
      });
    }
  }
  return emit.apply(this, arguments);
};

/** The lane server's serve (worker-entry.mjs), timed for tagged requests another worker forwarded. */
function wrapForwarded(serve) {
  return async (head, body) => {
    const tag = tagOf(head?.h);
    if (!tag) return serve(head, body);
    events++;
    const at = now();
    const cpu0 = cpuMs();
    const events0 = events;
    const key = `fwd ${tag.id}`;
    const kind = `${kindOf(head.m, head.p)} (owner)`;
    inFlight.set(key, { kind, at });
    try {
      return await serve(head, body);
    } finally {
      const end = now();
      const cpu = events === events0 ? cpuMs() - cpu0 : null;
      events++;
      inFlight.delete(key);
      finished.push({ kind, end });
      print({
        cpu,
        k: "fwd",
        id: tag.id,
        at,
        end,
        gc: overlap(gcs, at, end),
        away: overlap(stalls, at, end, "away"),
      });
    }
  };
}
globalThis[Symbol.for("kubelab.bench.probe")] = { wrapForwarded };

/** The monotonic clock (µs) and the epoch (ms) read together: the pair maps one onto the other. */
const printClock = () =>
  print({
    k: "clock",
    pid: process.pid,
    mono: Number(process.hrtime.bigint() / 1000n),
    epoch: now(),
  });
printClock();

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let expected = now() + TICK_MS;
let cpuBefore = process.cpuUsage();
setInterval(() => {
  const t = now();
  const late = t - expected;
  expected = t + TICK_MS;
  const cpuNow = process.cpuUsage();
  // The process's CPU time (all its threads) since the last tick: a stall with little of it
  // was the machine running something else (descheduled), not this worker's own work.
  const cpu = (cpuNow.user - cpuBefore.user + cpuNow.system - cpuBefore.system) / 1000;
  cpuBefore = cpuNow;
  if (late >= STALL_MS) {
    const start = t - late;
    stalls.push([start, t, cpu < late / 2 ? "away" : "own"]);
    const suspects = [
      ...[...inFlight.values()].map((r) => r.kind),
      ...finished.filter((f) => f.end >= start).map((f) => f.kind),
    ];
    print({ k: "stall", start, ms: late, cpu, gc: overlap(gcs, start, t), suspects });
  }
  const before = t - KEEP_MS;
  prune(gcs, before);
  prune(stalls, before);
  while (finished.length > 0 && finished[0].end < t - 1_000) finished.shift();
}, TICK_MS).unref();

setInterval(() => {
  print({
    k: "loop",
    t: now(),
    p50: delay.percentile(50) / 1e6,
    p99: delay.percentile(99) / 1e6,
    max: delay.max / 1e6,
    gc: windowGc,
  });
  delay.reset();
  printClock();
  windowGc = { count: 0, ms: 0, max: 0, major: 0 };
}, WINDOW_MS).unref();
