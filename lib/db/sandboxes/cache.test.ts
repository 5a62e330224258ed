import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ADMIN_USER,
  createSandbox,
  defaultBootstrap,
  fixedClock,
  handle,
  serializeState,
  stateFromParts,
  stateMeta,
  type ApiRequest,
  type KvRow,
  type SandboxState,
} from "@/lib/sim";
import { createClusterSandbox } from "@/lib/sim/cluster/default-cluster";
import { clusterEngineOptions } from "@/lib/sim/cluster/loops";
import { deploymentManifest } from "@/lib/sim/scenarios/fixtures";
import { StoreWriter } from "@/lib/sim/store/writer";
import { logRows } from "@/lib/sim/store/types";
import { decodeRow } from "@/lib/sim/apiserver/handler/codec";
import {
  budgetFromEnv,
  cachedEntry,
  cacheUsage,
  defaultBudgetBytes,
  dropIdle,
  estimateStateBytes,
  forget,
  IDLE_MS,
  keepLoaded,
  memoryOfThisMachine,
  recordUse,
  remember,
  resetCacheForTests,
  shedDecodes,
  shedHistoryDecodes,
  type CachedSandbox,
} from "./cache";

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

/** A state whose store holds `rows` rows of `valueChars` characters each. */
function stateOf(rows: number, valueChars = 1000): SandboxState {
  const base = createSandbox({ seed: "cache", now: T0 }).state;
  const writer = new StoreWriter(base.store, T0);
  for (let i = 0; i < rows; i++)
    writer.put(`/registry/configmaps/default/c${i}`, "x".repeat(valueChars));
  return { ...base, store: writer.commit().state };
}

/** A state whose `keys` configmaps were each written `versions` times: history behind each live row. */
function stateWithHistory(keys: number, versions: number): SandboxState {
  const base = createSandbox({ seed: "cache", now: T0 }).state;
  const writer = new StoreWriter(base.store, T0);
  for (let v = 0; v < versions; v++) {
    for (let i = 0; i < keys; i++)
      writer.put(`/registry/configmaps/default/c${i}`, String(v).padEnd(1000, "x"));
  }
  return { ...base, store: writer.commit().state };
}

function entry(state: SandboxState): CachedSandbox {
  return { version: 1, state, timeOffsetMs: 0n, logSeq: 0, coldMeta: "" };
}

/** `times` commands on the sandbox, as serialized() counts them. */
function use(id: string, times = 1): void {
  for (let i = 0; i < times; i++) recordUse(id);
}

afterEach(() => resetCacheForTests());

describe("sandbox cache bounds", () => {
  it("estimates more bytes for a state with more rows", () => {
    const small = estimateStateBytes(stateOf(10));
    const big = estimateStateBytes(stateOf(200));
    // Each live 1,000-character row: its text, its row object and what it decodes to (~0.9 KiB).
    expect(big - small).toBeGreaterThanOrEqual(190 * 2 * 1000);
    expect(big - small).toBeLessThan(190 * 2.25 * 1000);
  });

  it("counts a sandbox just created (nothing decoded yet) at its text, a used one with its decodes", () => {
    resetCacheForTests(1024 * 1024 * 1024);
    const state = stateOf(200);
    remember("new", { ...entry(state), version: 0 });
    const fresh = cacheUsage().bytes;
    expect(fresh).toBe(estimateStateBytes(state, "none"));
    expect(fresh).toBeLessThan(estimateStateBytes(state) * 0.6);
    // Its first write (version 1) or a catch-up of its loops counts the decodes.
    remember("new", { ...entry(state), version: 0, loopsRanAt: state.time });
    expect(cacheUsage().bytes).toBe(estimateStateBytes(state));
    remember("new", entry(state));
    expect(cacheUsage().bytes).toBe(estimateStateBytes(state));
  });

  it("holds, within a budget, as many used sandboxes as it measured they need, shed or whole", () => {
    // 64 MiB holds about thirty 1,000-row, 1,000-character sandboxes (2.1 MiB each) with
    // their decodes, about fifty-five (1.2 MiB) without.
    const state = stateOf(1000);
    resetCacheForTests(64 * 1024 * 1024);
    for (let i = 0; i < 100; i++) {
      use(`s${i}`);
      remember(`s${i}`, entry(state));
    }
    const { entries, bytes, shed, refused } = cacheUsage();
    expect(entries).toBeGreaterThanOrEqual(50);
    expect(entries).toBeLessThanOrEqual(56);
    expect(shed).toEqual({ live: 0, none: entries - 1 });
    expect(bytes).toBeLessThanOrEqual(64 * 1024 * 1024);
    // Once full, a copy used no more than those held is not kept (not LRU: the first stay).
    expect(refused).toBe(100 - entries);
    expect(cachedEntry(`s${entries - 1}`)).toBeDefined();
    expect(cachedEntry("s99")).toBeUndefined();
  });

  it("first sheds the decodes of the least recently used, and drops entries only when all others are shed", () => {
    const state = stateOf(100);
    const one = estimateStateBytes(state);
    const bare = estimateStateBytes(state, "none");
    // Room for two whole copies and one shed one.
    resetCacheForTests(2 * one + bare + 1000);
    for (const id of ["a", "b", "c"]) remember(id, entry(state));
    expect(cacheUsage()).toMatchObject({
      entries: 3,
      shed: { live: 0, none: 1 },
      bytes: 2 * one + bare,
    });
    // a, the least recently used, was shed: same rows' content, new row objects.
    const a = cachedEntry("a")!;
    expect(a.state).not.toBe(state);
    expect(logRows(a.state.store.log)).toEqual(logRows(state.store.log));
    expect(logRows(a.state.store.log)[5]).not.toBe(logRows(state.store.log)[5]);
    // In use again, it counts whole; b (now the least recently used) is shed in its place.
    expect(cacheUsage()).toMatchObject({
      entries: 3,
      shed: { live: 0, none: 1 },
      bytes: 2 * one + bare,
    });
    expect(cachedEntry("b")!.state).not.toBe(state);
    // A fourth, used more than the others: every other copy is shed first (b too, though
    // used after c), and as that is not enough, c - the least recently used - goes.
    use("d", 2);
    remember("d", entry(state));
    expect(cacheUsage()).toMatchObject({
      entries: 3,
      shed: { live: 0, none: 2 },
      bytes: one + 2 * bare,
    });
    expect(cachedEntry("c")).toBeUndefined();
    expect(["a", "b", "d"].every((id) => cachedEntry(id))).toBe(true);
  });

  it("sheds the decodes of the history first, then those of the live rows", () => {
    const state = stateWithHistory(50, 4);
    const one = estimateStateBytes(state);
    const mid = estimateStateBytes(state, "live");
    const bare = estimateStateBytes(state, "none");
    expect(mid).toBeLessThan(one);
    expect(bare).toBeLessThan(mid);
    resetCacheForTests(2 * one + mid + 1000);
    for (const id of ["a", "b", "c"]) remember(id, entry(state));
    expect(cacheUsage()).toMatchObject({
      entries: 3,
      shed: { live: 1, none: 0 },
      bytes: 2 * one + mid,
    });
    // a keeps its live rows (and what was decoded from them); its history's rows are copies.
    const a = cachedEntry("a")!.state;
    const live = new Set(state.store.live.values());
    expect(a.store.live).toBe(state.store.live);
    const rows = logRows(a.store.log);
    const old = logRows(state.store.log);
    expect(rows).toEqual(old);
    rows.forEach((row, i) => {
      if (live.has(old[i]!)) expect(row).toBe(old[i]);
      else expect(row).not.toBe(old[i]);
    });
    // Less room: the least recently used loses its live rows' decodes as well.
    resetCacheForTests(one + mid + bare + 1000);
    for (const id of ["a", "b", "c"]) remember(id, entry(state));
    expect(cacheUsage()).toMatchObject({
      entries: 3,
      shed: { live: 1, none: 1 },
      bytes: one + mid + bare,
    });
  });

  it("when shedding is not enough, keeps a copy used more than the least used, which goes", () => {
    const state = stateOf(100);
    const one = estimateStateBytes(state);
    const bare = estimateStateBytes(state, "none");
    resetCacheForTests(one + bare + 1000);
    for (const id of ["a", "b"]) remember(id, entry(state));
    // c, used once: not more than a and b (never used) by enough to push one out.
    use("c");
    remember("c", entry(state));
    expect(cacheUsage()).toMatchObject({ entries: 2, refused: 1 });
    expect(cachedEntry("c")).toBeUndefined();
    // Used again: it comes in, and a, as little used as b and less recently, goes.
    use("c");
    remember("c", entry(state));
    expect(cacheUsage()).toMatchObject({
      entries: 2,
      shed: { live: 0, none: 1 },
      bytes: one + bare,
    });
    expect(cachedEntry("a")).toBeUndefined();
    expect(cachedEntry("c")!.state).toBe(state);
  });

  it("keeps a loaded copy only when it holds none", () => {
    resetCacheForTests(1024 * 1024 * 1024);
    const newer = { ...entry(stateOf(2)), version: 2 };
    keepLoaded("a", entry(stateOf(1)));
    expect(cachedEntry("a")!.version).toBe(1);
    remember("a", newer);
    keepLoaded("a", entry(stateOf(1)));
    expect(cachedEntry("a")).toBe(newer);
  });

  it("keeps the accounting exact when entries are replaced and forgotten", () => {
    resetCacheForTests(1024 * 1024 * 1024);
    const small = stateOf(5);
    const big = stateOf(300);
    remember("a", entry(small));
    remember("a", entry(big));
    remember("b", entry(small));
    expect(cacheUsage().bytes).toBe(estimateStateBytes(big) + estimateStateBytes(small));
    forget("a");
    forget("a");
    expect(cacheUsage()).toMatchObject({ entries: 1, bytes: estimateStateBytes(small) });
  });

  it("counts a command's appended rows incrementally, equal to a full walk after appends, branches, compaction and a new log", () => {
    /** The estimate of `state` with its log in a new array: walked whole, nothing remembered. */
    const walked = (state: SandboxState) => {
      const rows = logRows(state.store.log).slice();
      return estimateStateBytes({
        ...state,
        store: { ...state.store, log: { rows, length: rows.length } },
      });
    };
    const write = (state: SandboxState, n: number, chars: number) => {
      const writer = new StoreWriter(state.store, T0);
      for (let i = 0; i < n; i++)
        writer.put(`/registry/configmaps/default/w${i}`, "y".repeat(chars));
      return { ...state, store: writer.commit().state };
    };
    resetCacheForTests(1024 * 1024 * 1024);
    let state = stateOf(50);
    remember("a", entry(state));
    // Appends in place: each state shares the previous one's rows array.
    for (const [n, chars] of [
      [3, 10],
      [40, 700],
      [1, 5000],
    ] as const) {
      const next = write(state, n, chars);
      expect(next.store.log.rows).toBe(state.store.log.rows);
      state = next;
      remember("a", entry(state));
      expect(cacheUsage().bytes).toBe(walked(state));
    }
    // An older state of the same array (a retried command's base) counts only its own rows,
    // and a branch from it (a new array) its own.
    const older = stateOf(50);
    const grown = write(older, 20, 300);
    expect(estimateStateBytes(grown)).toBe(walked(grown));
    expect(estimateStateBytes(older)).toBe(walked(older));
    const branch = write(older, 2, 9000);
    expect(branch.store.log.rows).not.toBe(grown.store.log.rows);
    expect(estimateStateBytes(branch)).toBe(walked(branch));
    // Compaction writes a new array, shorter than the one before.
    const writer = new StoreWriter(state.store, T0);
    writer.put("/registry/configmaps/default/w0", "z".repeat(10));
    writer.compact(writer.put("/registry/configmaps/default/w1", "z").revision);
    const compacted = { ...state, store: writer.commit().state };
    expect(compacted.store.log.length).toBeLessThan(state.store.log.length);
    remember("a", entry(compacted));
    expect(cacheUsage().bytes).toBe(walked(compacted));
    // A whole new log (a snapshot restore's replaceAll, a load): walked once, then appended to.
    const restored = stateOf(7, 123);
    remember("a", entry(restored));
    const after = write(restored, 5, 50);
    remember("a", entry(after));
    expect(cacheUsage()).toMatchObject({ entries: 1, bytes: walked(after) });
  });

  it("keeps one copy even when it alone exceeds the budget, the more used one", () => {
    resetCacheForTests(1);
    remember("a", entry(stateOf(1)));
    remember("b", entry(stateOf(1)));
    expect(cachedEntry("a")).toBeDefined();
    expect(cachedEntry("b")).toBeUndefined();
    use("b", 2);
    remember("b", entry(stateOf(1)));
    expect(cachedEntry("a")).toBeUndefined();
    expect(cachedEntry("b")).toBeDefined();
    expect(cacheUsage().entries).toBe(1);
  });

  it("takes a quarter of the smaller of the heap limit and the machine's share per worker", () => {
    const GiB = 1024 * 1024 * 1024;
    // The load benchmark's machine: 24 GiB, 2 workers, V8's heap limit ~4 GiB.
    expect(defaultBudgetBytes(4 * GiB, 24 * GiB, 2)).toBe(GiB);
    // Many workers on a small machine: their share of it.
    expect(defaultBudgetBytes(2 * GiB, 4 * GiB, 4)).toBe(GiB / 4);
    expect(defaultBudgetBytes(GiB, GiB, 64)).toBe(64 * 1024 * 1024);
    // In a container, its memory limit is the machine: 2 workers in 3 GiB on a 64 GiB host.
    expect(defaultBudgetBytes(4 * GiB, memoryOfThisMachine(64 * GiB, 3 * GiB), 2)).toBe(
      (3 * GiB) / 8,
    );
    // No limit: Node reports 0 or 2^64 (larger than the machine).
    expect(memoryOfThisMachine(24 * GiB, 2 ** 64)).toBe(24 * GiB);
    expect(memoryOfThisMachine(24 * GiB, 0)).toBe(24 * GiB);
    expect(memoryOfThisMachine(24 * GiB, undefined)).toBe(24 * GiB);
    // KUBELAB_SANDBOX_CACHE_MB overrides it (0: only the copy in use).
    expect(budgetFromEnv({ KUBELAB_SANDBOX_CACHE_MB: "100" })).toBe(100 * 1024 * 1024);
    expect(budgetFromEnv({ KUBELAB_SANDBOX_CACHE_MB: "0" })).toBe(0);
    expect(budgetFromEnv({ KUBELAB_SANDBOX_CACHE_MB: "lots" })).toBe(defaultBudgetBytes());
    expect(budgetFromEnv({})).toBe(defaultBudgetBytes());
  });

  it("forgets copies unused for IDLE_MS, and only those", () => {
    resetCacheForTests(1024 * 1024 * 1024);
    const state = stateOf(3);
    const t = Date.now();
    vi.useFakeTimers({ now: t });
    try {
      remember("left", entry(state));
      remember("stays", entry(state));
      vi.setSystemTime(t + IDLE_MS / 2);
      cachedEntry("stays");
      remember("new", entry(state));
      dropIdle(t + IDLE_MS - 1);
      expect(cacheUsage().entries).toBe(3);
      dropIdle(t + IDLE_MS);
      expect(cachedEntry("left")).toBeUndefined();
      expect(cacheUsage()).toMatchObject({ entries: 2, bytes: 2 * estimateStateBytes(state) });
      dropIdle(t + IDLE_MS / 2 + IDLE_MS);
      expect(cacheUsage()).toMatchObject({ entries: 0, bytes: 0 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("bounds the number of entries too", () => {
    resetCacheForTests(1024 * 1024 * 1024 * 1024);
    const state = createSandbox({ seed: "n", now: T0, bootstrap: defaultBootstrap() }).state;
    for (let i = 0; i < 1100; i++) remember(`s${i}`, entry(state));
    expect(cacheUsage()).toMatchObject({ entries: 1000, refused: 100 });
    expect(cachedEntry("s999")).toBeDefined();
    expect(cachedEntry("s1000")).toBeUndefined();
    // A copy used more than the others takes the place of the least recently used.
    use("s1099", 2);
    remember("s1099", entry(state));
    expect(cacheUsage().entries).toBe(1000);
    expect(cachedEntry("s0")).toBeUndefined();
    expect(cachedEntry("s1099")).toBeDefined();
  });
});

describe("a copy whose decodes were shed", () => {
  const engine = clusterEngineOptions();
  const T1 = T0 + 60_000;
  const ns = "/api/v1/namespaces/default";
  const deployment = (name: string, replicas: number): ApiRequest => ({
    method: "POST",
    path: "/apis/apps/v1/namespaces/default/deployments",
    user: ADMIN_USER,
    body: deploymentManifest(name, replicas),
  });
  const get = (path: string): ApiRequest => ({ method: "GET", path, user: ADMIN_USER });

  /** The requests' responses, and the state after them, as text. */
  function run(state: SandboxState, requests: ApiRequest[], at: number) {
    const out: unknown[] = [];
    let s = state;
    requests.forEach((req, i) => {
      const r = handle(s, req, fixedClock(at + i * 1000), engine);
      out.push(r.response, r.changes.appended, r.audit);
      s = r.state;
    });
    return { answers: JSON.stringify(out), state: JSON.stringify(serializeState(s)) };
  }

  it("answers byte-identically to a copy loaded again from its rows, and ends in the same state as the copy it was shed from", () => {
    let state = createClusterSandbox({ seed: "shed", now: T0 }).state;
    // A used copy: history, and objects decoded by the loops and the reads.
    for (const req of [deployment("web", 3), get(`${ns}/pods`), get(`${ns}/events`)]) {
      state = handle(state, req, fixedClock(T0 + 10_000), engine).state;
    }
    const shed = shedDecodes(state);
    const historyShed = shedHistoryDecodes(state);
    expect(shed.store.live.size).toBe(state.store.live.size);
    for (const [key, row] of shed.store.live) {
      expect(row).toEqual(state.store.live.get(key));
      expect(row).not.toBe(state.store.live.get(key));
      expect(shed.store.log.rows).toContain(row);
    }
    const requests = [
      get(`${ns}/pods`),
      get("/apis/apps/v1/namespaces/default/deployments/web"),
      deployment("api", 2),
      { ...get("/apis/apps/v1/namespaces/default/deployments/web"), method: "DELETE" as const },
      get(`${ns}/events`),
      get(`${ns}/pods?watch=1&resourceVersion=${state.store.revision - 5}`),
    ];
    // What a whole load builds (load.ts): the rows as read back, nothing decoded.
    const rows = logRows(state.store.log).map((r) => JSON.parse(JSON.stringify(r)) as KvRow);
    const loaded = stateFromParts(stateMeta(state), rows, {
      audit: [...state.journal.audit],
      traces: [...state.journal.traces],
    });
    const fromShed = run(shed, requests, T1);
    expect(fromShed).toEqual(run(loaded, requests, T1));
    // A copy that shed only its history's decodes reads its live objects as the warm copy does.
    expect(run(historyShed, requests, T1)).toEqual(run(state, requests, T1));
    // The warm copy itself ends in the same state; its answers may differ from a loaded
    // copy's in the order of an object's metadata keys (an object decoded on write keeps
    // resourceVersion where the write put it), as they did before shedding, after eviction.
    expect(fromShed.state).toBe(run(state, requests, T1).state);
  });
});

describe("a cached copy's superseded rows", () => {
  const engine = clusterEngineOptions();
  const deployments = "/apis/apps/v1/namespaces/default/deployments";
  const post = (name: string): ApiRequest => ({
    method: "POST",
    path: deployments,
    user: ADMIN_USER,
    body: deploymentManifest(name, 2),
  });
  const scale = (name: string, replicas: number): ApiRequest => ({
    method: "PATCH",
    path: `${deployments}/${name}/scale`,
    user: ADMIN_USER,
    contentType: "application/merge-patch+json",
    body: { spec: { replicas } },
  });

  function apply(state: SandboxState, requests: ApiRequest[], at: number) {
    let s = state;
    const out: unknown[] = [];
    requests.forEach((req, i) => {
      const r = handle(s, req, fixedClock(at + i * 1000), engine);
      out.push(r.response);
      s = r.state;
    });
    return { state: s, out };
  }

  it("lose their decodes when the next copy is kept; read again they decode to equal objects", () => {
    const before = apply(
      createClusterSandbox({ seed: "superseded", now: T0 }).state,
      [post("web")],
      T0 + 10_000,
    ).state;
    // Everything the copy holds decoded now, as a command's reads leave it.
    const decoded = new Map<KvRow, unknown>();
    for (const row of logRows(before.store.log)) decoded.set(row, decodeRow(row));
    resetCacheForTests(1024 * 1024 * 1024);
    remember("s", entry(before));
    const after = apply(before, [scale("web", 4), post("api")], T0 + 20_000).state;
    remember("s", { ...entry(after), version: 2 });

    const superseded = [...before.store.live].filter(
      ([key, row]) => after.store.live.get(key) !== row,
    );
    expect(superseded.length).toBeGreaterThan(3); // the Deployment, its ReplicaSet, Leases, …
    for (const [, row] of superseded) {
      const again = decodeRow(row);
      expect(again).not.toBe(decoded.get(row)); // parsed anew: the old decode was let go
      expect(again).toEqual(decoded.get(row));
    }
    // Rows still live keep theirs.
    for (const [key, row] of before.store.live) {
      if (after.store.live.get(key) === row) expect(decodeRow(row)).toBe(decoded.get(row));
    }
  });

  it("answer as the copy that kept every decode, a watch from an old resourceVersion included", () => {
    const start = apply(
      createClusterSandbox({ seed: "superseded", now: T0 }).state,
      [post("web")],
      T0 + 10_000,
    ).state;
    const from = start.store.revision;
    const mid = apply(start, [scale("web", 3), post("api"), scale("api", 1)], T0 + 20_000).state;
    const reads: ApiRequest[] = [
      {
        method: "GET",
        path: `${deployments}?watch=1&resourceVersion=${from - 3}`,
        user: ADMIN_USER,
      },
      {
        method: "GET",
        path: `/api/v1/namespaces/default/pods?watch=1&resourceVersion=${from}`,
        user: ADMIN_USER,
      },
      { method: "GET", path: `${deployments}/web`, user: ADMIN_USER },
      scale("web", 1),
      { method: "GET", path: `/api/v1/namespaces/default/events`, user: ADMIN_USER },
    ];
    const warm = apply(mid, reads, T0 + 30_000);
    resetCacheForTests(1024 * 1024 * 1024);
    remember("s", entry(start));
    remember("s", { ...entry(mid), version: 2 });
    const trimmed = apply(mid, reads, T0 + 30_000);
    // The same objects (an object decoded again may order its metadata's keys as a loaded
    // copy's do, which the warm copy's decodes-on-write need not) and the same state after.
    expect(JSON.parse(JSON.stringify(trimmed.out))).toEqual(JSON.parse(JSON.stringify(warm.out)));
    expect(JSON.stringify(serializeState(trimmed.state))).toBe(
      JSON.stringify(serializeState(warm.state)),
    );
  });
});

describe("the cache's estimate of a copy", () => {
  const engine = clusterEngineOptions();
  const deployments = "/apis/apps/v1/namespaces/default/deployments";
  const request = (method: ApiRequest["method"], path: string, body?: unknown): ApiRequest => ({
    method,
    path,
    user: ADMIN_USER,
    ...(body === undefined ? {} : { body }),
  });
  /** A full collection (V8's gc, exposed for this test), then the heap in use. */
  const gc = (() => {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  })();
  const heapAfterGc = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };

  it("tracks what the copies really retain within a third", () => {
    // Sandboxes used as a lab session uses them: Deployments created, read, scaled and deleted
    // (history, Events, decodes), each command's copy kept by remember() as the store does.
    resetCacheForTests(1024 * 1024 * 1024);
    const copies = 6;
    const before = heapAfterGc();
    for (let c = 0; c < copies; c++) {
      let state = createClusterSandbox({ seed: `estimate-${c}`, now: T0 }).state;
      let at = T0;
      const command = (req: ApiRequest) => {
        at += 5_000;
        state = handle(state, req, fixedClock(at), engine).state;
        remember(`s${c}`, entry(state));
      };
      for (let session = 0; session < 6; session++) {
        const name = `web-${session}`;
        command(request("POST", deployments, deploymentManifest(name, 2)));
        command(request("GET", "/api/v1/namespaces/default/pods"));
        command(request("GET", "/api/v1/namespaces/default/events"));
        command(request("GET", `${deployments}/${name}`));
        command(request("DELETE", `${deployments}/${name}`));
      }
    }
    const held = heapAfterGc();
    const estimated = cacheUsage().bytes;
    for (let c = 0; c < copies; c++) forget(`s${c}`);
    const released = heapAfterGc();
    const real = held - released;
    expect(cacheUsage().entries).toBe(0);
    expect(held).toBeGreaterThan(before);
    // 0.76-0.79 measured (small sandboxes: much of their text is the template's); the lab
    // sandboxes of bench/load/sandbox-memory.ts 0.82-0.87. Counting every row's decodes as large as
    // its text, as the estimate did, gave 0.50 here.
    expect(real / estimated).toBeGreaterThan(0.67);
    expect(real / estimated).toBeLessThan(1.33);
  });
});
