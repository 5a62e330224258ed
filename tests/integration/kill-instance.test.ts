// Fault: an app instance is killed with SIGKILL in the middle of 100 writes to a
// sandbox. Each request is one atomic statement, so the sandbox must be exactly
// "before" or "after" every request: the store's revision counter, its rows and
// the audit log agree, every acknowledged write is there, and a new instance
// carries on from that state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { issueKubeToken } from "@/lib/db/kube-tokens";
import { logEnd, readLogAfter } from "@/lib/db/sandboxes/log-read";
import { pool } from "@/lib/db/sandboxes/pool";
import { createUserSandbox } from "@/lib/terminal/user-sandbox";
import { startApiInstances, type ApiInstances } from "./support/api-instances";

let sandboxId = "";
let token = "";
const started: ApiInstances[] = [];

async function instance(): Promise<ApiInstances> {
  const api = await startApiInstances(1, {
    databaseUrl: process.env.DATABASE_URL!,
    sandboxId,
    token,
  });
  started.push(api);
  return api;
}

beforeAll(async () => {
  const user = await db().user.create({
    data: { email: `kill-${Date.now()}@example.test`, name: "kill" },
  });
  sandboxId = await createUserSandbox(user.id);
  token = (await issueKubeToken(sandboxId)).token;
}, 60_000);

afterAll(async () => {
  for (const api of started) await api.stopAll();
});

const CM = "/api/v1/namespaces/default/configmaps";

async function storeFacts() {
  const head = await pool().query<{ hot: { revision: number }; logSeq: number }>(
    `SELECT "hot"::json AS "hot", "logSeq" FROM "Sandbox" WHERE "id" = $1`,
    [sandboxId],
  );
  const kv = await pool().query<{ revision: number; key: string; deleted: boolean }>(
    `SELECT "revision", "key", "deleted" FROM "SandboxKv" WHERE "sandboxId" = $1 ORDER BY "revision"`,
    [sandboxId],
  );
  const audit = await readLogAfter<Record<string, unknown>>(sandboxId, -1, {
    kind: "audit",
    limit: 1_000_000,
  });
  return { head: head.rows[0]!, kv: kv.rows, audit };
}

describe("kill -9 of an instance during writes", () => {
  it("leaves every request either wholly applied or not at all", async () => {
    const api = await instance();
    const acknowledged: string[] = [];
    let sent = 0;
    const names = Array.from({ length: 100 }, (_, i) => `kill-${String(i).padStart(3, "0")}`);
    // Eight writers in flight at a time; the instance dies after the 30th answer.
    const killed = new Promise<void>((resolve) => {
      const next = async (): Promise<void> => {
        const name = names[sent++];
        if (!name) return;
        const res = await api
          .call(0, "POST", CM, { apiVersion: "v1", kind: "ConfigMap", metadata: { name } })
          .catch(() => undefined);
        if (res?.status === 201) acknowledged.push(name);
        if (acknowledged.length === 30) {
          api.instances[0]!.process.kill("SIGKILL");
          resolve();
        }
        if (res) await next();
      };
      for (let i = 0; i < 8; i++) void next();
    });
    await killed;
    await new Promise((r) => api.instances[0]!.process.once("exit", r));

    const facts = await storeFacts();
    // The revision counter matches the newest stored row: no row without its counter.
    expect(facts.head.hot.revision).toBe(facts.kv.at(-1)!.revision);
    // Every stored row's revision is unique and ascending (one write = one revision).
    const revisions = facts.kv.map((r) => r.revision);
    expect(new Set(revisions).size).toBe(revisions.length);
    // The log sequence counter matches the newest log entry.
    expect(await logEnd(sandboxId)).toBe(facts.head.logSeq);

    const stored = new Set(
      facts.kv
        .filter((r) => r.key.startsWith("/registry/configmaps/default/kill-") && !r.deleted)
        .map((r) => r.key.split("/").at(-1)!),
    );
    for (const name of acknowledged) expect(stored.has(name)).toBe(true);
    // A create is stored together with its audit event, or neither is.
    const auditedCreates = facts.audit.filter((e) => {
      const ref = e.data.objectRef as { resource?: string } | undefined;
      const status = e.data.responseStatus as { code?: number } | undefined;
      return e.data.verb === "create" && ref?.resource === "configmaps" && status?.code === 201;
    });
    expect(auditedCreates).toHaveLength(stored.size);

    // A fresh instance carries on from exactly that state.
    const next = await instance();
    const list = await next.call(0, "GET", CM);
    const listed = list
      .json<{ items: { metadata: { name: string } }[] }>()
      .items.map((i) => i.metadata.name)
      .filter((n) => n.startsWith("kill-"));
    expect(new Set(listed)).toEqual(stored);
    const after = await next.call(0, "POST", CM, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "after-kill" },
    });
    expect(after.status).toBe(201);
  }, 180_000);
});
