// A process's copy of a sandbox that another process wrote past is brought up to date
// row by row (lib/db/sandboxes/load.ts refresh): the result must be the very state a
// whole load gives - after plain writes, after compaction removed rows the copy holds,
// and (by a whole load) after a write replaced the whole store - and a stale command
// must take that path instead of reloading everything.
import { describe, expect, it } from "vitest";
import { requestStep, runSandboxCommand, runSandboxStep } from "@/lib/db/sandboxes";
import { cachedEntry, forget, remember, type CachedSandbox } from "@/lib/db/sandboxes/cache";
import { dbCounters } from "@/lib/db/sandboxes/counters";
import { pool } from "@/lib/db/sandboxes/pool";
import { writeRequest } from "@/lib/db/sandboxes/rows";
import { buildRun, load, refresh } from "@/lib/db/sandboxes/transaction";
import { serializeState } from "@/lib/sim";
import { logRows } from "@/lib/sim/store/types";
import { createUserSandbox, runTerminalCommand } from "@/lib/terminal";
import { createUser } from "./auth-fixtures";
import { configMapCreate, kvRevisions, sandboxVersion } from "./sandbox-fixtures";

async function sandbox(): Promise<string> {
  const user = await createUser("LEARNER");
  return createUserSandbox(user.id, `refresh-${Math.random()}`);
}

/** What another app instance does: its own whole copy, the engine, one compare-and-swap write. */
async function writeAsOtherInstance(id: string, name: string, advanceMs = 0): Promise<void> {
  const entry = await load(id);
  const out = requestStep(configMapCreate(name))({
    state: entry.state,
    virtualNow: Date.now() + Number(entry.timeOffsetMs) + advanceMs,
    loopsRanAt: Number.NEGATIVE_INFINITY,
  });
  const run = buildRun(entry, { ...out, offsetDeltaMs: advanceMs }, {});
  expect(await writeRequest(pool(), id, entry.version, run.writes)).toBe(true);
}

/** Everything a copy holds that a command depends on, comparable as text. */
function picture(e: CachedSandbox): string {
  return JSON.stringify({
    state: serializeState(e.state),
    version: e.version,
    logSeq: e.logSeq,
    timeOffsetMs: String(e.timeOffsetMs),
    // Only whether it is empty matters (cache.ts).
    coldMeta: e.coldMeta !== "",
    storeEpoch: e.storeEpoch ?? (e.version === 0 ? 0 : undefined),
  });
}

/** The live index (newest non-deleted row per key), rebuilt from the rows by a load. */
function liveOf(e: CachedSandbox): string {
  return JSON.stringify([...e.state.store.live.entries()].map(([k, r]) => [k, r.revision]));
}

/** The same without the journal (a whole load reads the newest entries of both kinds together). */
function storePicture(e: CachedSandbox): string {
  return picture({ ...e, state: { ...e.state, journal: { audit: [], traces: [] } } });
}

describe("refreshing a stale copy of a sandbox", () => {
  it("holds what the writer's own copy holds, the store as a whole load, and keeps the copy's row objects", async () => {
    const id = await sandbox();
    await runTerminalCommand(id, "kubectl create deployment web --image=nginx:1.25");
    const stale = cachedEntry(id)!;
    // The writes (made here: the writer's own copy is then this process's cached one).
    await runTerminalCommand(id, "kubectl create configmap a --from-literal=k=v");
    await runTerminalCommand(id, "kubectl scale deployment web --replicas=2");
    await runTerminalCommand(id, "kubectl delete configmap a"); // a tombstone row
    const writer = cachedEntry(id)!;
    const before = dbCounters().refreshes;
    const refreshed = await refresh(id, stale);
    expect(dbCounters().refreshes).toBe(before + 1);
    expect(refreshed.version).toBe(stale.version + 3);
    expect(refreshed.state.store.live.has("/registry/configmaps/default/a")).toBe(false);
    expect(refreshed.logSeq).toBeGreaterThan(stale.logSeq);
    expect(picture(refreshed)).toBe(picture(writer));
    expect(liveOf(refreshed)).toBe(liveOf(writer));
    forget(id);
    expect(storePicture(refreshed)).toBe(storePicture(await load(id)));
    // The rows the copy already had are the same objects (their decodes stay with them).
    const old = new Set(logRows(stale.state.store.log));
    const rows = logRows(refreshed.state.store.log);
    const reused = rows.filter((r) => old.has(r));
    expect(reused.length).toBeGreaterThan(100);
    expect(reused.length).toBe(rows.filter((r) => r.revision <= stale.state.store.revision).length);
  });

  it("equals a whole load of another process's writes after a whole load", async () => {
    const id = await sandbox();
    await runTerminalCommand(id, "kubectl create deployment web --image=nginx:1.25");
    forget(id);
    const stale = await load(id);
    await writeAsOtherInstance(id, "a");
    await writeAsOtherInstance(id, "b");
    const refreshed = await refresh(id, stale);
    const whole = await load(id);
    expect(storePicture(refreshed)).toBe(storePicture(whole));
    expect(liveOf(refreshed)).toBe(liveOf(whole));
  });

  it("drops the rows compaction removed since the copy", async () => {
    const id = await sandbox();
    await runTerminalCommand(id, "kubectl create deployment web --image=nginx:1.25");
    forget(id);
    const stale = await load(id);
    const revisionsBefore = await kvRevisions(id);
    // Compaction (as kube-apiserver's periodic one) removes the rows superseded below it.
    const r = await runTerminalCommand(id, `etcdctl compaction ${stale.state.store.revision}`);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    const revisionsAfter = new Set(await kvRevisions(id));
    const removed = revisionsBefore.filter((r) => !revisionsAfter.has(r));
    expect(removed.length).toBeGreaterThan(0);
    const refreshed = await refresh(id, stale);
    const whole = await load(id);
    expect(storePicture(refreshed)).toBe(storePicture(whole));
    expect(liveOf(refreshed)).toBe(liveOf(whole));
    const kept = new Set(logRows(refreshed.state.store.log).map((r) => r.revision));
    for (const r of removed) expect(kept.has(r)).toBe(false);
  });

  it("loads whole once a write replaced the store (its revisions may be reused)", async () => {
    const id = await sandbox();
    forget(id);
    const stale = await load(id);
    // A whole-store replacement as a snapshot restore writes it: every row again.
    await runSandboxStep(id, ({ state }) => ({
      state,
      changes: {
        state: state.store,
        appended: [...logRows(state.store.log)],
        removed: [],
        leasesChanged: true,
        replaceAll: true,
      },
      audit: [],
      traces: [],
      result: undefined,
    }));
    const epoch = await pool().query<{ storeEpoch: number }>(
      `SELECT "storeEpoch" FROM "Sandbox" WHERE "id" = $1`,
      [id],
    );
    expect(epoch.rows[0]!.storeEpoch).toBe(1);
    // This process's own copy after that write knows the new epoch.
    expect(cachedEntry(id)?.storeEpoch).toBe(1);
    const { refreshes, fullLoads } = dbCounters();
    const refreshed = await refresh(id, stale);
    expect(dbCounters().refreshes).toBe(refreshes);
    expect(dbCounters().fullLoads).toBe(fullLoads + 1);
    expect(picture(refreshed)).toBe(picture(await load(id)));
  });

  it("a command whose caller read a newer version refreshes the cached copy instead of reloading it", async () => {
    const id = await sandbox();
    await runTerminalCommand(id, "kubectl get nodes"); // the copy is warm
    const warm = cachedEntry(id)!;
    await writeAsOtherInstance(id, "elsewhere");
    remember(id, warm); // this process still holds the older copy
    const { refreshes, fullLoads, stale } = dbCounters();
    const r = await runTerminalCommand(
      id,
      "kubectl get configmap elsewhere -o name",
      {},
      undefined,
      {
        knownVersion: await sandboxVersion(id),
      },
    );
    expect(r.stdout).toBe("configmap/elsewhere\n");
    expect(dbCounters().stale).toBe(stale + 1);
    expect(dbCounters().refreshes).toBe(refreshes + 1);
    expect(dbCounters().fullLoads).toBe(fullLoads);
  });

  it("a command that lost the compare-and-swap runs again on its copy refreshed", async () => {
    const id = await sandbox();
    await runTerminalCommand(id, "kubectl get nodes"); // the copy is warm
    const before = dbCounters();
    const { refreshes, fullLoads, retries } = before;
    let runs = 0;
    await runSandboxCommand(id, async (unit) => {
      runs++;
      await unit.step(requestStep(configMapCreate(`mine-${runs}`)));
      // Another process writes after this copy was taken: this run's write must lose.
      if (runs === 1) await writeAsOtherInstance(id, "theirs");
      return { result: undefined };
    });
    expect(runs).toBe(2);
    expect(dbCounters().retries).toBe(retries + 1);
    expect(dbCounters().refreshes).toBe(refreshes + 1);
    // The one whole load is the other process's own (writeAsOtherInstance).
    expect(dbCounters().fullLoads).toBe(fullLoads + 1);
    const r = await runTerminalCommand(id, "kubectl get configmaps -o name");
    expect(r.stdout).toContain("configmap/theirs\n");
    expect(r.stdout).toContain("configmap/mine-2\n");
    expect(r.stdout).not.toContain("configmap/mine-1");
  });
});
