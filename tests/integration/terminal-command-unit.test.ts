// One terminal command = one sandbox write (lib/db/sandboxes/command-unit.ts): all
// the API requests of a command persist together with its history row, a writer on
// another instance in between makes the command run again (no lost update), and a
// read-only command still checks that what it read was the newest state.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import {
  advanceSandboxTime,
  requestStep,
  runSandboxCommand,
  sandboxRequest,
} from "@/lib/db/sandboxes";
import { cachedEntry, forget, remember } from "@/lib/db/sandboxes/cache";
import { pool } from "@/lib/db/sandboxes/pool";
import { insertHistory, isHistorySeqConflict, writeRequest } from "@/lib/db/sandboxes/rows";
import { buildRun, load } from "@/lib/db/sandboxes/transaction";
import { createUserSandbox, readHistory, runTerminalCommand } from "@/lib/terminal";
import { commandEnv } from "@/lib/terminal/db-env";
import { configMapCreate, kvRevisions, sandboxVersion } from "./sandbox-fixtures";
import { createUser } from "./auth-fixtures";

function runWorker(args: string[]): Promise<void> {
  const worker = path.join(import.meta.dirname, "terminal-command-worker.ts");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", worker, ...args], {
      env: { ...process.env },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`worker failed (${code})`)),
    );
  });
}

async function sandbox(): Promise<string> {
  const user = await createUser("LEARNER");
  return createUserSandbox(user.id, `unit-${Math.random()}`);
}

/** What another app instance does: its own fresh copy, the engine, one compare-and-swap write. */
async function writeAsOtherInstance(id: string, name: string): Promise<void> {
  const entry = await load(id);
  const out = requestStep(configMapCreate(name))({
    state: entry.state,
    virtualNow: Date.now() + Number(entry.timeOffsetMs),
    loopsRanAt: Number.NEGATIVE_INFINITY,
  });
  expect(await writeRequest(pool(), id, entry.version, buildRun(entry, out, {}).writes)).toBe(true);
}

async function configMapNames(id: string): Promise<string[]> {
  forget(id); // from Postgres, not this process's copy
  const r = await sandboxRequest(id, {
    ...configMapCreate("x"),
    method: "GET",
    body: undefined,
  });
  const body = (r.response as { body: { items: { metadata: { name: string } }[] } }).body;
  return body.items.map((i) => i.metadata.name).filter((n) => n !== "kube-root-ca.crt");
}

const TWO_MAPS = [
  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\ndata:\n  k: v",
  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: second\ndata:\n  k: v",
].join("\n---\n");

afterEach(() => vi.restoreAllMocks());

describe("one terminal command, one sandbox write", () => {
  it("persists all of a command's requests and its history row in one statement", async () => {
    const id = await sandbox();
    await runTerminalCommand(id, "kubectl get nodes"); // the copy is warm
    const version = await sandboxVersion(id);
    const query = vi.spyOn(pool(), "query");
    const r = await runTerminalCommand(id, "kubectl apply -f -", {}, undefined, {
      stdin: TWO_MAPS,
    });
    expect(r.stdout).toBe("configmap/first created\nconfigmap/second created\n");
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();
    expect(await sandboxVersion(id)).toBe(version + 1);
    expect(await configMapNames(id)).toEqual(["first", "second"]);
    expect((await readHistory(id)).at(-1)).toBe("kubectl apply -f -");
    const [row] = await db().terminalCommand.findMany({
      where: { sandboxId: id },
      orderBy: { seq: "desc" },
      take: 1,
    });
    expect(row?.exitCode).toBe(0);
  });

  it("writes nothing when the command fails before its end", async () => {
    const id = await sandbox();
    const version = await sandboxVersion(id);
    const revisions = await kvRevisions(id);
    await expect(
      runSandboxCommand(id, async (unit) => {
        const env = commandEnv(unit);
        await env.request({
          method: "POST",
          path: "/api/v1/namespaces/default/configmaps",
          body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "half" } },
        });
        throw new Error("the process died mid-command");
      }),
    ).rejects.toThrow("mid-command");
    expect(await sandboxVersion(id)).toBe(version);
    expect(await kvRevisions(id)).toEqual(revisions);
    expect(await configMapNames(id)).toEqual([]);
  });

  it("is all or nothing at COMMIT too: a crash there leaves the sandbox as it was", async () => {
    const id = await sandbox();
    const version = await sandboxVersion(id);
    await expect(
      runSandboxCommand(
        id,
        async (unit) => {
          const env = commandEnv(unit);
          for (const name of ["a", "b"])
            await env.request({
              method: "POST",
              path: "/api/v1/namespaces/default/configmaps",
              body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name } },
            });
          return { result: undefined, history: { command: "two creates", exitCode: 0 } };
        },
        {
          beforeCommit: async () => {
            throw new Error("crash before COMMIT");
          },
        },
      ),
    ).rejects.toThrow("crash before COMMIT");
    expect(cachedEntry(id)).toBeUndefined();
    expect(await sandboxVersion(id)).toBe(version);
    expect(await configMapNames(id)).toEqual([]);
    expect(await readHistory(id)).toEqual([]);
  });

  it("runs the command again when another instance wrote meanwhile: no update is lost", async () => {
    const id = await sandbox();
    await runTerminalCommand(id, "kubectl get ns");
    const version = await sandboxVersion(id);
    let runs = 0;
    const r = await runSandboxCommand(id, async (unit) => {
      runs++;
      const env = commandEnv(unit);
      const res = await env.request({
        method: "POST",
        path: "/api/v1/namespaces/default/configmaps",
        body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "mine" } },
      });
      if (runs === 1) await writeAsOtherInstance(id, "theirs");
      return { result: res.code, history: { command: "create mine", exitCode: 0 } };
    });
    expect(r).toBe(201);
    expect(runs).toBe(2);
    expect(await sandboxVersion(id)).toBe(version + 2);
    expect(await configMapNames(id)).toEqual(["mine", "theirs"]);
    // The lost first attempt left no history row: one row per command.
    expect((await readHistory(id)).filter((c) => c === "create mine")).toHaveLength(1);
  });

  it("a read-only command sees the newest state even from a stale cached copy", async () => {
    const id = await sandbox();
    await runTerminalCommand(id, "kubectl get ns");
    const stale = cachedEntry(id)!;
    await writeAsOtherInstance(id, "fresh");
    remember(id, stale); // this process still holds the copy from before "fresh"
    const r = await runTerminalCommand(id, "kubectl get configmap fresh -o name");
    expect(r).toMatchObject({ exitCode: 0, stdout: "configmap/fresh\n" });
    expect((await readHistory(id)).at(-1)).toBe("kubectl get configmap fresh -o name");
  });

  it("records commands that never touch the sandbox, and their exit codes", async () => {
    const id = await sandbox();
    const version = await sandboxVersion(id);
    await runTerminalCommand(id, "echo hello");
    await runTerminalCommand(id, "kubectl nosuchverb");
    expect(await readHistory(id)).toEqual(["echo hello", "kubectl nosuchverb"]);
    const rows = await db().terminalCommand.findMany({
      where: { sandboxId: id },
      orderBy: { seq: "asc" },
    });
    expect(rows.map((r) => r.exitCode)).toEqual([0, 1]);
    expect(await sandboxVersion(id)).toBe(version);
  });

  it("two app processes running commands on one sandbox lose no write and no history row", async () => {
    const id = await sandbox();
    const version = await sandboxVersion(id);
    const n = 8;
    await Promise.all([runWorker([id, "a", String(n)]), runWorker([id, "b", String(n)])]);
    // Every command wrote (its audit events) exactly once.
    expect(await sandboxVersion(id)).toBe(version + 4 * n);
    const names = Array.from({ length: n }, (_, i) => [`a-${i}`, `b-${i}`]).flat();
    expect(await configMapNames(id)).toEqual([...names].sort());
    const expected = names.flatMap((name) => [
      `kubectl create configmap ${name}`,
      `kubectl get configmap ${name} -o name`,
    ]);
    expect([...(await readHistory(id))].sort()).toEqual(expected.sort());
  }, 120_000);

  it("history inserts that race for the same seq fail on the key, recognisably", async () => {
    const id = await sandbox();
    const tries = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        insertHistory(pool(), id, { command: `c${i}`, exitCode: 0 }),
      ),
    );
    const failed = tries.filter((t) => t.status === "rejected");
    for (const f of failed) expect(isHistorySeqConflict(f.reason)).toBe(true);
    expect(await readHistory(id)).toHaveLength(8 - failed.length);
  });
  it("catch-ups leave meta as it is, scheduling writes loops; a fresh load reads both back", async () => {
    const id = await sandbox();
    await runTerminalCommand(id, "kubectl get nodes");
    const column = async () =>
      (
        await pool().query<{ meta: string; loops: string | null }>(
          `SELECT "meta"::text AS "meta", "loops"::text AS "loops" FROM "Sandbox" WHERE "id" = $1`,
          [id],
        )
      ).rows[0]!;
    const before = await column();
    for (let i = 0; i < 3; i++) {
      await advanceSandboxTime(id, 5_000);
      await runTerminalCommand(id, "kubectl get pods -A");
    }
    expect((await column()).meta).toBe(before.meta);
    // Scheduling pods changes the scheduler's records: the loops column.
    await runTerminalCommand(id, "kubectl create deployment web --image=nginx --replicas=2");
    await advanceSandboxTime(id, 5_000);
    await runTerminalCommand(id, "kubectl get pods");
    const after = await column();
    // (The events' etcd leases are in meta: patched, not checked here.)
    expect(after.loops).not.toBeNull();
    const cached = cachedEntry(id)!.state;
    const fresh = (await load(id)).state;
    // Through jsonb: the same values, keys in jsonb's order.
    expect(fresh.etcd).toEqual(JSON.parse(JSON.stringify(cached.etcd)));
    expect(fresh.scheduler).toEqual(JSON.parse(JSON.stringify(cached.scheduler)));
  });
});
