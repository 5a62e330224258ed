import { afterEach, describe, expect, it, vi } from "vitest";
import { createSandbox, type SandboxState } from "@/lib/sim";
import { StoreWriter } from "@/lib/sim/store/writer";
import { admits, evictionOrder, MAX_USES, UseFrequency } from "./cache-admission";
import {
  cachedEntry,
  cacheUsage,
  estimateStateBytes,
  forget,
  LEFT_MS,
  recordUse,
  remember,
  resetCacheForTests,
  serialized,
  type CachedSandbox,
} from "./cache";

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

/** A used sandbox's state with `rows` rows of 1,000 characters (~2 KiB each with decodes). */
function stateOf(rows: number, seed = "admission"): SandboxState {
  const base = createSandbox({ seed, now: T0 }).state;
  const writer = new StoreWriter(base.store, T0);
  for (let i = 0; i < rows; i++) writer.put(`/registry/configmaps/default/c${i}`, "x".repeat(1000));
  return { ...base, store: writer.commit().state };
}

const entry = (state: SandboxState): CachedSandbox => ({
  version: 1,
  state,
  timeOffsetMs: 0n,
  logSeq: 0,
  coldMeta: "",
});

/**
 * One command on the sandbox as the store runs it: counted (serialized), then the cached
 * copy used, or on a miss loaded whole and offered to the cache. Whether it was a hit.
 */
function command(id: string, state: SandboxState): boolean {
  recordUse(id);
  if (cachedEntry(id)) return true;
  remember(id, entry(state));
  return false;
}

afterEach(() => resetCacheForTests());

describe("the sandbox cache under pressure (admission by use)", () => {
  const state = stateOf(100);
  const one = estimateStateBytes(state);
  const bare = estimateStateBytes(state, "none");

  it("keeps about the budget's share of a round-robin working set cached, where LRU kept none", () => {
    // Ten sandboxes used in turn, room for six whole copies (more once shed): LRU dropped
    // the copy used next every time - no hit at all after the first round.
    resetCacheForTests(6 * one);
    const ids = Array.from({ length: 10 }, (_, i) => `rr${i}`);
    let hits = 0;
    let commands = 0;
    for (let round = 0; round < 20; round++) {
      for (const id of ids) {
        const hit = command(id, state);
        if (round > 0) {
          commands++;
          if (hit) hits++;
        }
      }
      expect(cacheUsage().bytes).toBeLessThanOrEqual(6 * one);
    }
    // At least the budget's share of whole copies (six of ten), at most what fits shed.
    expect(hits / commands).toBeGreaterThanOrEqual(0.6);
    expect(hits / commands).toBeLessThanOrEqual(Math.floor((6 * one) / bare) / 10);
  });

  it("does not let a pass over many sandboxes used once flush the copies in use", () => {
    resetCacheForTests(5 * one);
    const hot = ["h0", "h1", "h2", "h3"];
    for (let round = 0; round < 3; round++) for (const id of hot) command(id, state);
    // An instructor opening forty learners' sandboxes once each (or forty new lab sandboxes).
    for (let i = 0; i < 40; i++) command(`scan${i}`, state);
    for (const id of hot) expect(cachedEntry(id)).toBeDefined();
    expect(cacheUsage().bytes).toBeLessThanOrEqual(5 * one);
    expect(cacheUsage().refused).toBeGreaterThanOrEqual(30);
  });

  it("lets a sandbox used more often than the least used copies take their place", () => {
    // Room for three copies, two of them shed, not four.
    resetCacheForTests(one + 2 * bare + 1000);
    for (const id of ["a", "b", "c"]) command(id, state);
    expect(cacheUsage().entries).toBe(3);
    command("a", state);
    command("b", state);
    // d is used steadily from now on, c no more: d comes in by its third command, c goes.
    expect(command("d", state)).toBe(false);
    expect(command("d", state)).toBe(false);
    command("d", state);
    expect(cachedEntry("c")).toBeUndefined();
    expect(command("d", state)).toBe(true);
    expect(["a", "b"].every((id) => cachedEntry(id))).toBe(true);
  });

  it("lets a new class in at once over the copies of a class unused for LEFT_MS", () => {
    const t = Date.now();
    vi.useFakeTimers({ now: t });
    try {
      resetCacheForTests(one + 2 * bare + 1000);
      const gone = ["a", "b", "c"];
      for (let round = 0; round < 10; round++) for (const id of gone) command(id, state);
      vi.setSystemTime(t + LEFT_MS - 1000);
      expect(command("n0", state)).toBe(false);
      expect(cachedEntry("n0")).toBeUndefined();
      vi.setSystemTime(t + LEFT_MS);
      // Each newcomer's first command keeps its copy, the one after hits.
      for (const id of ["n1", "n2", "n3"]) {
        expect(command(id, state)).toBe(false);
        expect(command(id, state)).toBe(true);
      }
      expect(gone.some((id) => cachedEntry(id))).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("never drops or sheds the copy of a command in flight, however little used", async () => {
    resetCacheForTests(2 * one);
    let release!: () => void;
    const running = serialized(
      "busy",
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    await new Promise((r) => setImmediate(r));
    remember("busy", entry(state));
    // Much more used copies arrive while its command runs: they push each other out.
    for (let i = 0; i < 6; i++) {
      recordUse(`other${i}`);
      recordUse(`other${i}`);
      recordUse(`other${i}`);
      remember(`other${i}`, entry(state));
    }
    expect(cachedEntry("busy")!.state).toBe(state);
    expect(cacheUsage().bytes).toBeLessThanOrEqual(2 * one);
    release();
    await running;
    // Done: now it is the least used copy and the next one arriving pushes it out.
    await new Promise((r) => setImmediate(r));
    recordUse("late");
    recordUse("late");
    recordUse("late");
    remember("late", entry(state));
    expect(cachedEntry("busy")).toBeUndefined();
  });

  it("takes back the copy a command dropped as stale and refreshed, without admission", async () => {
    resetCacheForTests(one + 2 * bare + 1000);
    for (const id of ["a", "b", "c"]) command(id, state);
    // c's command finds its copy behind the stored version (another instance wrote): it
    // drops it and refreshes it; meanwhile d's first command takes the room; c's command
    // keeps the refreshed copy - though c is hardly more used than a, b and d.
    await serialized("c", async () => {
      forget("c");
      command("d", state);
      remember("c", { ...entry(state), version: 2 });
    });
    expect(cachedEntry("c")!.version).toBe(2);
    expect(cacheUsage()).toMatchObject({ entries: 3, refused: 0 });
    await new Promise((r) => setImmediate(r));
    // Dropped outside a command, it is a newcomer again: e took its room meanwhile.
    forget("c");
    command("e", state);
    remember("c", entry(state));
    expect(cachedEntry("c")).toBeUndefined();
  });
});

describe("UseFrequency", () => {
  it("counts uses per id up to MAX_USES", () => {
    const f = new UseFrequency(() => 1000);
    for (let i = 0; i < 40; i++) f.record("a");
    f.record("b");
    expect(f.of("a")).toBe(MAX_USES);
    expect(f.of("b")).toBe(1);
    expect(f.of("never")).toBe(0);
  });

  it("halves every count each sample of uses, forgetting the ids that reach 0", () => {
    const f = new UseFrequency(() => 100);
    for (let i = 0; i < 9; i++) f.record("hot");
    for (let i = 0; i < 90; i++) f.record(`once${i}`);
    expect(f.size).toBe(91);
    f.record("hot"); // the 100th use
    expect(f.of("hot")).toBe(5);
    expect(f.of("once0")).toBe(0);
    expect(f.size).toBe(1);
    // The map stays bounded however many ids pass.
    for (let i = 0; i < 10_000; i++) f.record(`pass${i}`);
    expect(f.size).toBeLessThanOrEqual(100);
  });
});

describe("admits", () => {
  it("needs more than one use over the copies pushed out (round-robin's phase)", () => {
    // Round r: the missed copy was just counted (r uses), the next ones not yet (r - 1).
    expect(admits(5, 4)).toBe(false);
    expect(admits(5, 5)).toBe(false);
    expect(admits(6, 4)).toBe(true);
    expect(admits(1, 0)).toBe(false);
    expect(admits(2, 0)).toBe(true);
  });
});

describe("evictionOrder", () => {
  it("puts the least used first, the least recently used first among equals, and skips those that must stay", () => {
    const uses: Record<string, number> = { a: 3, b: 1, c: 1, d: 0, e: 2 };
    expect(
      evictionOrder(
        ["a", "b", "c", "d", "e"],
        (id) => uses[id]!,
        (id) => id !== "d",
      ),
    ).toEqual(["b", "c", "e", "a"]);
  });
});
