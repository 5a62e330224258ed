import { describe, expect, it } from "vitest";
import {
  advanceSandboxTime,
  createSandboxRecord,
  deleteSandboxRecord,
  readAuditLog,
  readTraceLog,
  runSandboxStep,
  sandboxRequest,
  sandboxStorageBytes,
} from "@/lib/db/sandboxes";
import { cachedEntry, forget, remember } from "@/lib/db/sandboxes/cache";
import { db } from "@/lib/db/client";
import { noChanges } from "@/lib/sim/changes";
import { snapshotRestore, snapshotSave } from "@/lib/sim/etcd/control";
import { admin, configMapCreate, kvRevisions, sandboxVersion } from "./sandbox-fixtures";

describe("sandbox persistence", () => {
  it("creates a sandbox whose admin token works and whose store is in SandboxKv", async () => {
    const { id, adminToken } = await createSandboxRecord({ seed: "p1" });
    const r = await sandboxRequest(id, {
      method: "GET",
      path: "/api/v1/namespaces",
      token: adminToken,
    });
    expect(r.response.code).toBe(200);
    const names = (
      r.response as { body: { items: { metadata: { name: string } }[] } }
    ).body.items.map((i) => i.metadata.name);
    expect(names).toContain("default");
    expect((await kvRevisions(id)).length).toBeGreaterThan(0);
  });

  it("persists each write as new rows and survives losing the process cache", async () => {
    const { id } = await createSandboxRecord({ seed: "p2" });
    const before = await kvRevisions(id);
    const created = await sandboxRequest(id, configMapCreate("app-config", { mode: "prod" }));
    expect(created.response.code).toBe(201);
    const after = await kvRevisions(id);
    expect(after).toEqual([...before, before.at(-1)! + 1]);
    forget(id); // as if another process (or a restart) handled the next request
    const got = await sandboxRequest(id, {
      method: "GET",
      path: "/api/v1/namespaces/default/configmaps/app-config",
      user: admin,
    });
    expect(got.response).toMatchObject({ code: 200, body: { data: { mode: "prod" } } });
    expect(await sandboxVersion(id)).toBe(2);
  });

  it("never overwrites another process's write from a stale cached copy", async () => {
    const { id } = await createSandboxRecord({ seed: "stale" });
    await sandboxRequest(id, configMapCreate("one"));
    const stale = cachedEntry(id)!;
    await sandboxRequest(id, configMapCreate("two")); // as if another process wrote
    remember(id, stale); // this process still holds the copy from before "two"
    const r = await sandboxRequest(id, configMapCreate("three"));
    expect(r.response.code).toBe(201);
    const list = await sandboxRequest(id, {
      method: "GET",
      path: "/api/v1/namespaces/default/configmaps",
      user: admin,
    });
    const names = (
      list.response as { body: { items: { metadata: { name: string } }[] } }
    ).body.items
      .map((i) => i.metadata.name)
      .filter((n) => n !== "kube-root-ca.crt");
    expect(names).toEqual(["one", "three", "two"]);
    expect(await sandboxVersion(id)).toBe(4);
  });

  it("stores the audit log and traces in order", async () => {
    const { id } = await createSandboxRecord({ seed: "p3" });
    await sandboxRequest(id, configMapCreate("a"));
    await sandboxRequest(id, {
      method: "GET",
      path: "/api/v1/namespaces/default/configmaps/a",
      user: admin,
    });
    const audit = await readAuditLog(id);
    expect(audit.map((a) => [a.event.verb, a.event.responseStatus.code])).toEqual([
      ["create", 201],
      ["get", 200],
    ]);
    const traces = await readTraceLog(id);
    expect(traces.map((t) => t.trace.verb)).toEqual(["create", "get"]);
    expect(traces[0]!.trace.entries.some((e) => e.to === "etcd")).toBe(true);
  });

  it("keeps a failed request from changing the store", async () => {
    const { id } = await createSandboxRecord({ seed: "p4" });
    const rows = await kvRevisions(id);
    const bad = await sandboxRequest(id, configMapCreate("Invalid_Name"));
    expect(bad.response.code).toBe(422);
    expect(await kvRevisions(id)).toEqual(rows);
  });

  it("advances virtual time and deletes the sandbox with its rows", async () => {
    const { id } = await createSandboxRecord({ seed: "p5", now: Date.now() });
    const t = await advanceSandboxTime(id, 300_000);
    expect(t).toBeGreaterThanOrEqual(Date.now() + 299_000);
    const r = await sandboxRequest(id, configMapCreate("later"));
    const created = (r.response as { body: { metadata: { creationTimestamp: string } } }).body;
    expect(Date.parse(created.metadata.creationTimestamp)).toBeGreaterThan(Date.now() + 290_000);
    await deleteSandboxRecord(id);
    const [row] = await db().$queryRaw<
      { count: bigint }[]
    >`SELECT count(*) FROM "SandboxKv" WHERE "sandboxId" = ${id}`;
    expect(Number(row?.count)).toBe(0);
  });

  it("persists an etcd snapshot restore (every row replaced) and reloads it", async () => {
    const { id } = await createSandboxRecord({ seed: "restore" });
    await sandboxRequest(id, configMapCreate("kept"));
    let snapshot: ReturnType<typeof snapshotSave> | undefined;
    await runSandboxStep(id, ({ state }) => {
      snapshot = snapshotSave(state);
      return { state, changes: noChanges(state.store), audit: [], traces: [], result: null };
    });
    await sandboxRequest(id, configMapCreate("lost-by-restore"));
    await runSandboxStep(id, ({ state, virtualNow }) => {
      const r = snapshotRestore(state, snapshot!, virtualNow);
      return { ...r, audit: [], traces: [] };
    });
    forget(id);
    const names = async () => {
      const list = await sandboxRequest(id, {
        method: "GET",
        path: "/api/v1/namespaces/default/configmaps",
        user: admin,
      });
      return (
        list.response as { body: { items: { metadata: { name: string } }[] } }
      ).body.items.map((i) => i.metadata.name);
    };
    expect(await names()).toEqual(["kept"]);
    // writes continue after the restored revision
    expect((await sandboxRequest(id, configMapCreate("after"))).response.code).toBe(201);
    expect(await names()).toEqual(["after", "kept"]);
  });

  it("stores a fresh sandbox in at most 32 KiB", async () => {
    const { id } = await createSandboxRecord({ seed: "size" });
    expect(await sandboxStorageBytes(id)).toBeLessThanOrEqual(32 * 1024);
  });
});
