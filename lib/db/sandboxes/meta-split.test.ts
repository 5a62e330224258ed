import { describe, expect, it } from "vitest";
import { ADMIN_USER, createSandbox, fixedClock, handle, stateMeta, withToken } from "@/lib/sim";
import { advanceTime } from "@/lib/sim";
import { createClusterSandbox } from "@/lib/sim/cluster/default-cluster";
import { clusterEngineOptions } from "@/lib/sim/cluster/loops";
import {
  coldMetaUnchanged,
  coldMetaWrite,
  hotMetaOf,
  joinMeta,
  loopsChanged,
  loopsMetaOf,
  splitMeta,
} from "./meta-split";

describe("sandbox metadata columns", () => {
  const meta = stateMeta(createSandbox({ seed: "m", now: Date.UTC(2026, 0, 1) }).state);

  it("splits into hot and cold parts and joins back to the same metadata", () => {
    const { cold, hot } = splitMeta(meta);
    expect(Object.keys(JSON.parse(hot)).sort()).toEqual([
      "compactRevision",
      "etcd",
      "nextLeaseId",
      "revision",
      "rng",
      "time",
    ]);
    expect(JSON.parse(cold)).not.toHaveProperty("rng");
    expect(JSON.parse(cold)).toHaveProperty("etcd"); // inserts write meta whole
    expect(joinMeta(JSON.parse(cold), JSON.parse(hot))).toEqual(meta);
  });

  it("reads rows written before the split (everything in meta, no hot)", () => {
    expect(joinMeta(JSON.parse(JSON.stringify(meta)), null)).toEqual(meta);
  });

  it("keeps the cold part unchanged when only per-request fields move", () => {
    const later = {
      ...meta,
      time: meta.time + 1000,
      revision: meta.revision + 1,
      rng: [1, 2, 3, 4] as const,
    };
    expect(splitMeta(later).cold).toBe(splitMeta(meta).cold);
    expect(splitMeta(later).hot).not.toBe(splitMeta(meta).hot);
  });

  it("skips rebuilding the cold part only when it would come out the same", () => {
    const t = Date.UTC(2026, 0, 1);
    const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } };
    let state = createSandbox({ seed: "m", now: t, bootstrap: [ns] }).state;
    const requests = [
      { method: "GET", path: "/api/v1/namespaces" },
      {
        method: "POST",
        path: "/api/v1/namespaces/default/configmaps",
        body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } },
      },
      { method: "GET", path: "/api/v1/namespaces/default/configmaps/c" },
    ] as const;
    let unchanged = 0;
    for (const [i, req] of requests.entries()) {
      const next = handle(state, { ...req, user: ADMIN_USER }, fixedClock(t + i * 1000)).state;
      expect(hotMetaOf(next)).toBe(splitMeta(stateMeta(next)).hot);
      if (coldMetaUnchanged(state, next)) {
        unchanged++;
        expect(splitMeta(stateMeta(next)).cold).toBe(splitMeta(stateMeta(state)).cold);
      }
      state = next;
    }
    expect(unchanged).toBeGreaterThanOrEqual(2); // the reads at least
    expect(coldMetaUnchanged(state, withToken(state, "t", ADMIN_USER))).toBe(false);
  });

  it("leaves `meta` alone on catch-up passes: etcd goes to `hot`, scheduler records to `loops`", () => {
    const engine = clusterEngineOptions();
    const t = Date.UTC(2026, 0, 1);
    let state = createClusterSandbox({ seed: "patch", now: t }).state;
    const column = splitMeta(stateMeta(state)).cold;
    let loops: string | null = null;
    let etcdMoved = 0;
    for (let i = 1; i <= 6; i++) {
      const next = advanceTime(state, t + i * 1500, engine).state;
      expect(coldMetaWrite(state, next)).toBeNull();
      if (loopsChanged(state, next)) {
        loops = loopsMetaOf(next);
      }
      if (next.etcd !== state.etcd) etcdMoved++;
      const hot = hotMetaOf(next);
      expect(hot).toBe(splitMeta(stateMeta(next)).hot);
      expect(joinMeta(JSON.parse(column), JSON.parse(hot), loops && JSON.parse(loops))).toEqual(
        JSON.parse(JSON.stringify(stateMeta(next))),
      );
      state = next;
    }
    expect(etcdMoved).toBeGreaterThan(0);
  });

  it("merges only the changed top-level parts into `meta` (jsonb ||)", () => {
    const state = createClusterSandbox({ seed: "tok", now: Date.UTC(2026, 0, 1) }).state;
    const next = withToken(state, "t-1", ADMIN_USER);
    const write = coldMetaWrite(state, next);
    const patch = JSON.parse((write as { patch: string }).patch) as Record<string, unknown>;
    expect(Object.keys(patch)).toEqual(["tokens"]);
    const merged = { ...JSON.parse(splitMeta(stateMeta(state)).cold), ...patch };
    expect(merged).toEqual(JSON.parse(splitMeta(stateMeta(next)).cold));
  });

  it("`loops` hides the etcd and scheduler parts `meta` was created with", () => {
    const state = createClusterSandbox({ seed: "old", now: Date.UTC(2026, 0, 1) }).state;
    const meta = stateMeta(state);
    const older = { ...meta, etcd: { ...meta.etcd, stale: true }, scheduler: { stale: true } };
    const cold = JSON.parse(JSON.stringify(older)) as unknown;
    const hot = JSON.parse(hotMetaOf(state)) as unknown;
    expect(joinMeta(cold, hot, JSON.parse(loopsMetaOf(state)))).toEqual(
      JSON.parse(JSON.stringify(meta)),
    );
    expect(joinMeta(cold, hot, null)).toMatchObject({ scheduler: { stale: true } });
    const { scheduler: _s, ...withoutScheduler } = state;
    expect(joinMeta(cold, hot, JSON.parse(loopsMetaOf(withoutScheduler)))).not.toHaveProperty(
      "scheduler",
    );
  });

  it("rewrites the whole column when a part goes away", () => {
    const state = createClusterSandbox({ seed: "gone", now: Date.UTC(2026, 0, 1) }).state;
    const { world: _world, ...withoutWorld } = state;
    const write = coldMetaWrite(state, withoutWorld);
    expect(write).toEqual({ full: splitMeta(stateMeta(withoutWorld)).cold });
  });
});

describe("the `loops` column's text", () => {
  const base = createSandbox({ seed: "loops", now: Date.UTC(2026, 0, 1) }).state;
  const record = (pod: string, node: string) => ({
    pod,
    uid: `uid-${pod}`,
    scores: { nodes: ["worker1", "worker2"], totals: [492, 480] },
    plugins: [{ plugin: "TaintToleration", ran: true, raw: [0, 0], note: undefined }],
    node,
    message: '노드 배정: 완료 "quoted" \\ back',
  });

  it("is JSON.stringify of the scheduler memory, record by record", () => {
    const memory = {
      nextStartNodeIndex: 3,
      records: {
        "default/a": record("default/a", "worker1"),
        "default/b": record("default/b", "worker2"),
      },
      queue: { "default/c": { uid: "c", attempts: 2, gone: undefined } },
      seenRevision: 41,
      dropped: undefined,
    };
    const state = { ...base, scheduler: memory } as unknown as typeof base;
    expect(loopsMetaOf(state)).toBe(JSON.stringify({ scheduler: memory }));
    const empty = { ...base, scheduler: { nextStartNodeIndex: 0, records: {} } };
    expect(loopsMetaOf(empty as unknown as typeof base)).toBe(
      '{"scheduler":{"nextStartNodeIndex":0,"records":{}}}',
    );
    expect(loopsMetaOf({ ...base, scheduler: undefined })).toBe('{"scheduler":null}');
  });

  it("takes a record kept by a later memory from the text made for it", () => {
    const kept = record("default/a", "worker1");
    const first = { nextStartNodeIndex: 1, records: { "default/a": kept } };
    loopsMetaOf({ ...base, scheduler: first } as unknown as typeof base);
    // States never change a record in place; doing it here shows which text the next
    // memory (a new object holding the same record) is built from.
    kept.node = "worker9";
    const next = {
      nextStartNodeIndex: 2,
      records: { "default/a": kept, "default/b": record("default/b", "worker2") },
    };
    const text = loopsMetaOf({ ...base, scheduler: next } as unknown as typeof base);
    expect(text).toContain('"node":"worker1"');
    expect(text).not.toContain("worker9");
    expect(JSON.parse(text).scheduler.records["default/b"].node).toBe("worker2");
  });
});
