import { afterEach, describe, expect, it } from "vitest";
import { createSandbox, defaultBootstrap, type SandboxState } from "@/lib/sim";
import { StoreWriter } from "@/lib/sim/store/writer";
import {
  cachedEntry,
  cacheUsage,
  estimateStateBytes,
  forget,
  remember,
  resetCacheForTests,
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

function entry(state: SandboxState): CachedSandbox {
  return { version: 1, state, timeOffsetMs: 0n, logSeq: 0, coldMeta: "" };
}

afterEach(() => resetCacheForTests());

describe("sandbox cache bounds", () => {
  it("estimates more bytes for a state with more rows", () => {
    const small = estimateStateBytes(stateOf(10));
    const big = estimateStateBytes(stateOf(200));
    expect(big - small).toBeGreaterThanOrEqual(190 * 4 * 1000);
  });

  it("drops the least recently used entries beyond the byte budget", () => {
    const state = stateOf(100);
    const one = estimateStateBytes(state);
    resetCacheForTests(Math.floor(one * 3.5));
    for (const id of ["a", "b", "c"]) remember(id, entry(state));
    expect(cachedEntry("a")).toBeDefined(); // a is now the most recently used
    remember("d", entry(state));
    expect(cachedEntry("b")).toBeUndefined();
    expect(["a", "c", "d"].every((id) => cachedEntry(id))).toBe(true);
    expect(cacheUsage()).toMatchObject({ entries: 3, bytes: 3 * one });
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

  it("keeps the newest entry even when it alone exceeds the budget", () => {
    resetCacheForTests(1);
    remember("a", entry(stateOf(1)));
    remember("b", entry(stateOf(1)));
    expect(cachedEntry("a")).toBeUndefined();
    expect(cachedEntry("b")).toBeDefined();
    expect(cacheUsage().entries).toBe(1);
  });

  it("bounds the number of entries too", () => {
    resetCacheForTests(1024 * 1024 * 1024 * 1024);
    const state = createSandbox({ seed: "n", now: T0, bootstrap: defaultBootstrap() }).state;
    for (let i = 0; i < 1100; i++) remember(`s${i}`, entry(state));
    expect(cacheUsage().entries).toBe(1000);
    expect(cachedEntry("s99")).toBeUndefined();
    expect(cachedEntry("s100")).toBeDefined();
  });
});
