// A request's audit events and traces are one SandboxLog row (kind "pack"): written
// with the request's compare-and-swap or not at all, read entry by entry by every
// reader, pruned only as whole rows, and rows of the older one-entry format stay
// readable next to packed ones.
import { brotliCompressSync, brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  createSandboxRecord,
  readAuditLog,
  readTraceLog,
  runSandboxStep,
  sandboxRequest,
} from "@/lib/db/sandboxes";
import { cachedEntry, forget, remember } from "@/lib/db/sandboxes/cache";
import { logEnd, readLogAfter, readLogNewest } from "@/lib/db/sandboxes/log-read";
import { packLogEntries } from "@/lib/db/sandboxes/log-pack";
import { pool } from "@/lib/db/sandboxes/pool";
import { writeRequest } from "@/lib/db/sandboxes/rows";
import { load } from "@/lib/db/sandboxes/transaction";
import { noChanges } from "@/lib/sim/changes";
import type { AuditEvent, RequestTrace } from "@/lib/sim";
import { configMapCreate } from "./sandbox-fixtures";

async function logRows(id: string) {
  const { rows } = await pool().query<{ seq: number; kind: string; count: number }>(
    `SELECT "seq", "kind", "count" FROM "SandboxLog" WHERE "sandboxId" = $1 ORDER BY "seq"`,
    [id],
  );
  return rows;
}

async function head(id: string) {
  const { rows } = await pool().query<{ version: number; logSeq: number; hot: string }>(
    `SELECT "version", "logSeq", "hot"::text AS "hot" FROM "Sandbox" WHERE "id" = $1`,
    [id],
  );
  return rows[0]!;
}

describe("packed sandbox log", () => {
  it("stores one request's entries as one row, read back entry by entry in order", async () => {
    const { id } = await createSandboxRecord({ seed: "pack-1" });
    const before = await head(id);
    const r = await sandboxRequest(id, configMapCreate("packed"));
    expect(r.response.code).toBe(201);
    const after = await head(id);
    const added = (await logRows(id)).filter((row) => row.seq >= before.logSeq);
    expect(added).toEqual([
      { seq: before.logSeq, kind: "pack", count: after.logSeq - before.logSeq },
    ]);
    const audit = await readAuditLog(id, { afterSeq: before.logSeq - 1 });
    const traces = await readTraceLog(id, { afterSeq: before.logSeq - 1 });
    expect(audit.map((a) => a.event.auditID)).toEqual(r.audit.map((a) => a.auditID));
    expect(traces.map((t) => t.trace.auditID)).toEqual(r.traces.map((t) => t.auditID));
    // Audit events and traces share the sequence: together they number every entry once.
    const seqs = [...audit.map((a) => a.seq), ...traces.map((t) => t.seq)].sort((a, b) => a - b);
    expect(seqs).toEqual(
      Array.from({ length: after.logSeq - before.logSeq }, (_, i) => before.logSeq + i),
    );
    expect(await logEnd(id)).toBe(after.logSeq);
    // A fresh load rebuilds the journal from the packed rows.
    forget(id);
    const loaded = await load(id);
    expect(loaded.state.journal.audit.at(-1)?.auditID).toBe(r.audit.at(-1)?.auditID);
    expect(loaded.state.journal.traces.at(-1)?.auditID).toBe(r.traces.at(-1)?.auditID);
  });

  it("reads from inside a pack, and newest first across packs", async () => {
    const { id } = await createSandboxRecord({ seed: "pack-2" });
    for (const name of ["a", "b", "c"]) await sandboxRequest(id, configMapCreate(name));
    const all = await readLogAfter(id, -1, { limit: 10_000 });
    expect(all.map((r) => r.seq)).toEqual(all.map((_, i) => all[0]!.seq + i));
    const mid = all[Math.floor(all.length / 2)]!.seq;
    const tail = await readLogAfter(id, mid, { limit: 10_000 });
    expect(tail.map((r) => r.seq)).toEqual(all.filter((r) => r.seq > mid).map((r) => r.seq));
    const newest = await readLogNewest<RequestTrace>(id, { kind: "trace", limit: 2 });
    const traces = all.filter((r) => r.kind === "trace");
    expect(newest.map((r) => r.seq)).toEqual(
      traces
        .slice(-2)
        .reverse()
        .map((r) => r.seq),
    );
    const creates = await readLogNewest<AuditEvent>(id, {
      kind: "audit",
      limit: 3,
      keep: ({ data }) => data.verb === "create",
    });
    expect(creates.map((r) => r.data.objectRef?.name)).toEqual(["c", "b", "a"]);
  });

  it("writes nothing to the log when the compare-and-swap fails or the transaction rolls back", async () => {
    const { id } = await createSandboxRecord({ seed: "pack-3" });
    await sandboxRequest(id, configMapCreate("first"));
    const h = await head(id);
    const rows = await logRows(id);
    const wrote = await writeRequest(pool(), id, h.version - 1, {
      removed: [],
      appended: [],
      logs: [{ kind: "audit", data: { auditID: "never" } }],
      firstLogSeq: h.logSeq,
      pruneBelow: -1,
      version: h.version,
      meta: null,
      hot: h.hot,
      timeOffsetMs: "0",
    });
    expect(wrote).toBe(false);
    await expect(
      runSandboxStep(
        id,
        ({ state }) => ({
          state,
          changes: noChanges(state.store),
          audit: [{ auditID: "rolled-back" } as AuditEvent],
          traces: [],
          result: null,
        }),
        {
          beforeCommit: () => Promise.reject(new Error("crash before COMMIT")),
        },
      ),
    ).rejects.toThrow("crash before COMMIT");
    expect(await logRows(id)).toEqual(rows);
    expect(await head(id)).toEqual(h);
  });

  it("re-runs a command from a stale copy without a gap or a duplicate in the log", async () => {
    const { id } = await createSandboxRecord({ seed: "pack-4" });
    await sandboxRequest(id, configMapCreate("one"));
    const stale = cachedEntry(id)!;
    await sandboxRequest(id, configMapCreate("two")); // as if another instance wrote
    remember(id, stale);
    await sandboxRequest(id, configMapCreate("three"));
    const all = await readLogAfter<AuditEvent>(id, -1, { limit: 10_000 });
    const h = await head(id);
    expect(all.map((r) => r.seq)).toEqual(Array.from({ length: h.logSeq }, (_, i) => i));
    const created = all
      .filter((r) => r.kind === "audit" && r.data.verb === "create")
      .map((r) => r.data.objectRef?.name);
    expect(created.filter((n) => ["one", "two", "three"].includes(n!))).toEqual([
      "one",
      "two",
      "three",
    ]);
  });

  it("keeps rows written before packing readable next to packed ones", async () => {
    const { id } = await createSandboxRecord({ seed: "pack-5" });
    const h = await head(id);
    // Two one-entry rows as the previous release wrote them, then a pack.
    await pool().query(
      `INSERT INTO "SandboxLog" ("sandboxId", "seq", "kind", "data") VALUES
         ($1, $2, 'audit', '{"auditID":"old-audit","verb":"create"}'),
         ($1, $2 + 1, 'trace', '{"auditID":"old-trace","verb":"create","requestURI":"/x","code":201,"entries":[]}')`,
      [id, h.logSeq],
    );
    await pool().query(`UPDATE "Sandbox" SET "logSeq" = $2 WHERE "id" = $1`, [id, h.logSeq + 2]);
    forget(id);
    await sandboxRequest(id, configMapCreate("after-upgrade"));
    const audit = await readAuditLog(id, { afterSeq: h.logSeq - 1 });
    expect(audit[0]).toEqual({
      seq: h.logSeq,
      event: { auditID: "old-audit", verb: "create" },
    });
    expect(audit.at(-1)!.event.objectRef?.name).toBe("after-upgrade");
    const traces = await readTraceLog(id, { afterSeq: h.logSeq - 1 });
    expect(traces[0]!.trace.auditID).toBe("old-trace");
    forget(id);
    const loaded = await load(id);
    expect(loaded.state.journal.audit.map((a) => a.auditID)).toContain("old-audit");
  });

  it("prunes only packs whose entries all lie below the retention bound", async () => {
    const { id } = await createSandboxRecord({ seed: "pack-6" });
    const h = await head(id);
    const entries = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ kind: "audit" as const, data: { auditID: `e${i}` } }));
    // Packs [s, s+3) and [s+3, s+6): the bound s+4 falls inside the second.
    const s = h.logSeq;
    await pool().query(
      `INSERT INTO "SandboxLog" ("sandboxId", "seq", "kind", "count", "packed")
       VALUES ($1, $2, 'pack', 3, $3), ($1, $2 + 3, 'pack', 3, $4)`,
      [id, s, packLogEntries(entries(3)), packLogEntries(entries(3))],
    );
    const wrote = await writeRequest(pool(), id, h.version, {
      removed: [],
      appended: [],
      logs: entries(1),
      firstLogSeq: s + 6,
      pruneBelow: s + 4,
      version: h.version + 1,
      meta: null,
      hot: h.hot,
      timeOffsetMs: "0",
    });
    expect(wrote).toBe(true);
    forget(id);
    expect((await logRows(id)).filter((r) => r.seq >= s)).toEqual([
      { seq: s + 3, kind: "pack", count: 3 },
      { seq: s + 6, kind: "pack", count: 1 },
    ]);
    expect((await logRows(id)).some((r) => r.seq < s)).toBe(false);
    expect(await logEnd(id)).toBe(s + 7);
  });

  it("stores non-ASCII text escaped and reads it back unchanged, next to a pack stored as UTF-8", async () => {
    const { id } = await createSandboxRecord({ seed: "pack-7" });
    const h = await head(id);
    const bind = (i: number): RequestTrace => ({
      auditID: `bind-${i}`,
      verb: "create",
      requestURI: `/api/v1/namespaces/default/pods/web-${i}/binding`,
      code: 201,
      entries: [
        {
          at: 1795820067311,
          ok: true,
          from: "kube-apiserver",
          to: "etcd",
          action: "bind",
          detail: `default/web-${i} \u2192 worker1`,
        },
      ],
    });
    const annotated = (i: number) => ({
      auditID: `a-${i}`,
      verb: "create",
      objectRef: { resource: "configmaps", name: `설정-${i}` },
      annotations: { note: "파드 \u{1F600}" },
    });
    const logs = Array.from({ length: 30 }, (_, i) =>
      i % 2
        ? { kind: "trace" as const, data: bind(i) }
        : { kind: "audit" as const, data: annotated(i) },
    );
    // A pack as the previous release wrote it (Brotli of UTF-8 JSON), then one written now.
    const old = Buffer.from(JSON.stringify(logs.map((e) => [e.kind, e.data])));
    await pool().query(
      `INSERT INTO "SandboxLog" ("sandboxId", "seq", "kind", "count", "packed") VALUES ($1, $2, 'pack', $3, $4)`,
      [id, h.logSeq, logs.length, Buffer.concat([Buffer.of(0x03), brotliCompressSync(old)])],
    );
    const wrote = await writeRequest(pool(), id, h.version, {
      removed: [],
      appended: [],
      logs,
      firstLogSeq: h.logSeq + logs.length,
      pruneBelow: -1,
      version: h.version + 1,
      meta: null,
      hot: h.hot,
      timeOffsetMs: "0",
    });
    expect(wrote).toBe(true);
    await pool().query(`UPDATE "Sandbox" SET "logSeq" = $2 WHERE "id" = $1`, [
      id,
      h.logSeq + 2 * logs.length,
    ]);
    forget(id);
    const { rows } = await pool().query<{ packed: Buffer }>(
      `SELECT "packed" FROM "SandboxLog" WHERE "sandboxId" = $1 AND "seq" = $2`,
      [id, h.logSeq + logs.length],
    );
    const json = brotliDecompressSync(rows[0]!.packed.subarray(1));
    expect(json.every((b) => b < 0x80)).toBe(true);
    const all = await readLogAfter(id, h.logSeq - 1, { limit: 10_000 });
    const expected = [...logs, ...logs].map((e, i) => ({ seq: h.logSeq + i, ...e }));
    expect(all).toEqual(expected);
    expect(JSON.stringify(all)).toBe(JSON.stringify(expected));
    const traces = await readTraceLog(id, { afterSeq: h.logSeq - 1 });
    expect(traces.at(-1)!.trace.entries[0]!.detail).toBe("default/web-29 \u2192 worker1");
    const loaded = await load(id);
    expect(loaded.state.journal.traces.at(-1)).toEqual(bind(29));
  });
});
