// A worker's sandbox cache under a full budget (lib/db/sandboxes/cache.ts): a copy that
// was shed (its decodes dropped, its rows kept) must write and refresh exactly as a whole
// load would, and a read that had to load its sandbox whole must keep the copy, so the
// learner's next read is not another whole load.
import { afterEach, describe, expect, it } from "vitest";
import { requestStep, runSandboxCommand, runSandboxStep } from "@/lib/db/sandboxes";
import {
  cachedEntry,
  cacheUsage,
  estimateStateBytes,
  forget,
  remember,
  resetCacheForTests,
  type CachedSandbox,
} from "@/lib/db/sandboxes/cache";
import { dbCounters } from "@/lib/db/sandboxes/counters";
import { pool } from "@/lib/db/sandboxes/pool";
import { writeRequest } from "@/lib/db/sandboxes/rows";
import { buildRun, load, type StepInput, type StepOutput } from "@/lib/db/sandboxes/transaction";
import { serializeState } from "@/lib/sim";
import { noChanges } from "@/lib/sim/changes";
import { logRows } from "@/lib/sim/store/types";
import { createUserSandbox, runTerminalCommand } from "@/lib/terminal";
import { createUser } from "./auth-fixtures";
import { configMapCreate, sandboxVersion } from "./sandbox-fixtures";

afterEach(() => resetCacheForTests());

async function sandbox(): Promise<string> {
  const user = await createUser("LEARNER");
  const id = await createUserSandbox(user.id, `pressure-${Math.random()}`);
  await runTerminalCommand(id, "kubectl create deployment web --image=nginx:1.25");
  await runTerminalCommand(id, "kubectl get pods"); // decodes kept with the rows
  return id;
}

/** The store and metadata of a copy, comparable as text (the journal aside: a load reads it from the log). */
function storePicture(e: CachedSandbox): string {
  return JSON.stringify({
    state: serializeState({ ...e.state, journal: { audit: [], traces: [] } }),
    version: e.version,
    logSeq: e.logSeq,
    timeOffsetMs: String(e.timeOffsetMs),
  });
}

/** What another app instance does: its own whole copy, the engine, one compare-and-swap write. */
async function writeAsOtherInstance(id: string, name: string): Promise<void> {
  const entry = await load(id);
  const out = requestStep(configMapCreate(name))({
    state: entry.state,
    virtualNow: Date.now() + Number(entry.timeOffsetMs),
    loopsRanAt: Number.NEGATIVE_INFINITY,
  });
  const run = buildRun(entry, out, {});
  expect(await writeRequest(pool(), id, entry.version, run.writes)).toBe(true);
}

/** An engine step that reads and writes nothing. */
function readOnly({ state }: StepInput): StepOutput<number> {
  return { state, changes: noChanges(state.store), audit: [], traces: [], result: 0 };
}

/**
 * Two used sandboxes in a cache with room for one of them whole and the other shed: `shed`
 * keeps only its live rows' decodes ("live") or none.
 */
async function shedOne(
  decodes: "live" | "none" = "none",
): Promise<{ shed: string; warm: string; row: object }> {
  const [shed, warm] = [await sandbox(), await sandbox()];
  const a = cachedEntry(shed)!;
  const b = cachedEntry(warm)!;
  // Exactly that room: what shedding a's history decodes frees is small (~100 bytes a row).
  resetCacheForTests(estimateStateBytes(a.state, decodes) + estimateStateBytes(b.state));
  remember(shed, a);
  remember(warm, b);
  expect(cacheUsage()).toMatchObject({ entries: 2, shed: { [decodes]: 1 } });
  // A row of its history (not live): a copy in both ways of shedding.
  const live = new Set(a.state.store.live.values());
  const row = logRows(a.state.store.log).find((r) => !live.has(r))!;
  return { shed, warm, row };
}

describe("the sandbox cache under a full budget", () => {
  it.each(["none", "live"] as const)(
    "a shed copy (decodes kept: %s) writes as a whole load would, and keeps its place without a load",
    async (decodes) => {
      const { shed, row } = await shedOne(decodes);
      const { fullLoads } = dbCounters();
      const r = await runTerminalCommand(
        shed,
        "kubectl create configmap after-shed --from-literal=k=v",
      );
      expect(r.stdout).toBe("configmap/after-shed created\n");
      expect(dbCounters().fullLoads).toBe(fullLoads);
      const mine = cachedEntry(shed)!;
      // Its rows are new objects (what was decoded from the old ones is gone), same content.
      expect(logRows(mine.state.store.log)).not.toContain(row);
      expect(storePicture(mine)).toBe(storePicture(await load(shed)));
      const get = await runTerminalCommand(shed, "kubectl get configmap after-shed -o name");
      expect(get.stdout).toBe("configmap/after-shed\n");
    },
  );

  it("a shed copy another instance wrote past loses the compare-and-swap and is refreshed, not reloaded", async () => {
    const { shed } = await shedOne();
    let runs = 0;
    const before = { ...dbCounters() };
    await runSandboxCommand(shed, async (unit) => {
      runs++;
      await unit.step(requestStep(configMapCreate(`mine-${runs}`)));
      if (runs === 1) await writeAsOtherInstance(shed, "theirs");
      return { result: undefined };
    });
    expect(runs).toBe(2);
    expect(dbCounters().retries).toBe(before.retries + 1);
    expect(dbCounters().refreshes).toBe(before.refreshes + 1);
    // The one whole load is the other instance's own.
    expect(dbCounters().fullLoads).toBe(before.fullLoads + 1);
    expect(storePicture(cachedEntry(shed)!)).toBe(storePicture(await load(shed)));
    const r = await runTerminalCommand(shed, "kubectl get configmaps -o name");
    expect(r.stdout).toContain("configmap/theirs\n");
    expect(r.stdout).toContain("configmap/mine-2\n");
    expect(r.stdout).not.toContain("configmap/mine-1");
  });

  it("a read that loaded its sandbox whole keeps the copy: the next read is not another load", async () => {
    const id = await sandbox();
    forget(id);
    const { fullLoads } = dbCounters();
    await runSandboxCommand(id, async (unit) => ({
      result: await unit.step(readOnly),
      history: { command: "kubectl get pods", exitCode: 0 },
    }));
    expect(dbCounters().fullLoads).toBe(fullLoads + 1);
    expect(cachedEntry(id)?.version).toBe(await sandboxVersion(id));
    await runSandboxCommand(id, async (unit) => ({
      result: await unit.step(readOnly),
      history: { command: "kubectl get pods", exitCode: 0 },
    }));
    // A single API request's read (the REST face) keeps it too.
    forget(id);
    await runSandboxStep(id, readOnly);
    await runSandboxStep(id, readOnly);
    expect(dbCounters().fullLoads).toBe(fullLoads + 2);
    expect(storePicture(cachedEntry(id)!)).toBe(storePicture(await load(id)));
  });

  it("a copy the full cache does not keep is loaded whole by its next command, which answers and writes as on a kept copy", async () => {
    const [hot, cold] = [await sandbox(), await sandbox()];
    // Room for one copy: hot's, used more (its commands in sandbox() and these).
    resetCacheForTests(estimateStateBytes(cachedEntry(hot)!.state));
    await runTerminalCommand(hot, "kubectl get deployments");
    await runTerminalCommand(hot, "kubectl get deployments");
    const { fullLoads } = dbCounters();
    const { refused } = cacheUsage();
    expect(cachedEntry(cold)).toBeUndefined();
    const created = await runTerminalCommand(
      cold,
      "kubectl create configmap kept --from-literal=a=1",
    );
    expect(created.stdout).toBe("configmap/kept created\n");
    expect(cacheUsage().refused).toBe(refused + 1);
    expect(cachedEntry(cold)).toBeUndefined();
    expect(cachedEntry(hot)).toBeDefined();
    const read = await runTerminalCommand(cold, "kubectl get configmap kept -o jsonpath={.data.a}");
    expect(read.stdout).toBe("1");
    expect(dbCounters().fullLoads).toBe(fullLoads + 2);
    expect(cachedEntry(hot)).toBeDefined();
  });

  it("a read on a copy another instance wrote past keeps the refreshed copy", async () => {
    const id = await sandbox();
    const old = cachedEntry(id)!;
    await writeAsOtherInstance(id, "elsewhere");
    const version = await sandboxVersion(id);
    const { fullLoads, refreshes } = dbCounters();
    const r = await runTerminalCommand(
      id,
      "kubectl get configmap elsewhere -o name",
      {},
      undefined,
      { knownVersion: version },
    );
    expect(r.stdout).toBe("configmap/elsewhere\n");
    expect(dbCounters().refreshes).toBe(refreshes + 1);
    const kept = cachedEntry(id)!;
    expect(kept).not.toBe(old);
    expect(kept.version).toBeGreaterThanOrEqual(version);
    expect(storePicture(kept)).toBe(storePicture(await load(id)));
    expect(dbCounters().fullLoads).toBe(fullLoads + 1); // the comparison's own load
  });
});
