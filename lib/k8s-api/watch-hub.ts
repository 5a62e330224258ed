// Streams watches to real kubectl. The engine answers a watch with the events
// since a resourceVersion; this hub keeps one poller per watched sandbox that
// lets virtual time catch up with the wall clock (so pods progress while
// `kubectl get -w` waits) and, only when the store's revision moved, asks the
// engine - purely, on the state this process just wrote - for each watcher's new
// events. Memory stays bounded: a cap on watchers per sandbox and in total, and a
// watcher whose client stops reading is closed.

import { advanceSandboxTime, SandboxNotFoundError } from "@/lib/db/sandboxes";
import { cachedEntry } from "@/lib/db/sandboxes/cache";
import { fixedClock, handle, type UserInfo, type WatchEvent } from "@/lib/sim";
import { newTooManyRequests } from "@/lib/sim/apiserver/errors";

export const MAX_WATCHES_PER_SANDBOX = 1500;
export const MAX_WATCHES_TOTAL = 5000;

/** The caps in force: KUBELAB_MAX_WATCHES_PER_SANDBOX / _TOTAL override the defaults. */
function watchCaps(): { perSandbox: number; total: number } {
  const read = (name: string, fallback: number) => {
    const n = Number(process.env[name]);
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  return {
    perSandbox: read("KUBELAB_MAX_WATCHES_PER_SANDBOX", MAX_WATCHES_PER_SANDBOX),
    total: read("KUBELAB_MAX_WATCHES_TOTAL", MAX_WATCHES_TOTAL),
  };
}

export interface Watcher {
  user: UserInfo;
  path: string;
  /** The watch's query without resourceVersion. */
  query: URLSearchParams;
  resourceVersion: string;
  deliver(events: WatchEvent[]): void;
  close(): void;
}

interface SandboxWatchers {
  watchers: Set<Watcher>;
  timer: ReturnType<typeof setInterval>;
  busy: boolean;
}

const hub = new Map<string, SandboxWatchers>();
let total = 0;
let pollMs = Number(process.env.KUBELAB_WATCH_POLL_MS ?? 1000);

/** Tests shorten the poll interval. */
export function setWatchPollInterval(ms: number): void {
  pollMs = ms;
}

export function watchPollInterval(): number {
  return pollMs;
}

export function watchCount(sandboxId?: string): number {
  return sandboxId ? (hub.get(sandboxId)?.watchers.size ?? 0) : total;
}

export function addWatcher(sandboxId: string, w: Watcher): () => void {
  let entry = hub.get(sandboxId);
  const caps = watchCaps();
  if ((entry?.watchers.size ?? 0) >= caps.perSandbox || total >= caps.total) {
    // A Status with retryAfterSeconds: the response carries Retry-After too.
    throw newTooManyRequests(
      "Too many requests: too many open watches on this sandbox; close some and retry",
      1,
    );
  }
  if (!entry) {
    const created: SandboxWatchers = {
      watchers: new Set(),
      busy: false,
      timer: setInterval(() => void poll(sandboxId, created), pollMs),
    };
    created.timer.unref?.();
    hub.set(sandboxId, created);
    entry = created;
  }
  entry.watchers.add(w);
  total++;
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    total--;
    const e = hub.get(sandboxId);
    if (!e) return;
    e.watchers.delete(w);
    if (e.watchers.size === 0) {
      clearInterval(e.timer);
      hub.delete(sandboxId);
    }
  };
}

async function poll(sandboxId: string, entry: SandboxWatchers): Promise<void> {
  if (entry.busy) return;
  entry.busy = true;
  try {
    await advanceSandboxTime(sandboxId, 0);
    const state = cachedEntry(sandboxId)?.state;
    if (!state) return;
    const revision = state.store.revision;
    for (const w of [...entry.watchers]) {
      if (Number(w.resourceVersion) >= revision) continue;
      const query = new URLSearchParams(w.query);
      query.set("resourceVersion", w.resourceVersion);
      const r = handle(
        state,
        { method: "GET", path: w.path, query: query.toString(), user: w.user },
        fixedClock(state.time),
      );
      const res = r.response;
      if (res.kind !== "watch") {
        w.close();
        continue;
      }
      w.resourceVersion = res.resourceVersion;
      if (res.events.length) w.deliver(res.events);
      if (res.events.some((e) => e.type === "ERROR")) w.close();
    }
  } catch (err) {
    if (err instanceof SandboxNotFoundError) for (const w of [...entry.watchers]) w.close();
  } finally {
    entry.busy = false;
  }
}
