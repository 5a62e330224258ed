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
    // The text once, and 1.75 times again for what is decoded from it (cache.ts's measurements).
    expect(big - small).toBeGreaterThanOrEqual(190 * 2.75 * 1000);
    expect(big - small).toBeLessThan(190 * 3 * 1000);
  });

  it("counts a sandbox just created (nothing decoded yet) at its text, a used one with its decodes", () => {
    resetCacheForTests(1024 * 1024 * 1024);
    const state = stateOf(200);
    remember("new", { ...entry(state), version: 0 });
    const fresh = cacheUsage().bytes;
    expect(fresh).toBe(estimateStateBytes(state, true));
    expect(fresh).toBeLessThan(estimateStateBytes(state) / 2);
    // Its first write (version 1) or a catch-up of its loops counts the decodes.
    remember("new", { ...entry(state), version: 0, loopsRanAt: state.time });
    expect(cacheUsage().bytes).toBe(estimateStateBytes(state));
    remember("new", entry(state));
    expect(cacheUsage().bytes).toBe(estimateStateBytes(state));
  });

  it("holds, within a budget, as many used sandboxes as it measured they need", () => {
    // 64 MiB holds about twenty 1,000-row, 1,000-character sandboxes (2.9 MiB each).
    const state = stateOf(1000);
    resetCacheForTests(64 * 1024 * 1024);
    for (let i = 0; i < 40; i++) remember(`s${i}`, entry(state));
    const { entries, bytes } = cacheUsage();
    expect(entries).toBeGreaterThanOrEqual(20);
    expect(entries).toBeLessThanOrEqual(23);
    expect(bytes).toBeLessThanOrEqual(64 * 1024 * 1024);
    expect(cachedEntry("s39")).toBeDefined();
    expect(cachedEntry(`s${40 - entries - 1}`)).toBeUndefined();
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
