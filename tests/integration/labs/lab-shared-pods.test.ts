// A lab template's static pod manifests stored once for all its copies
// (lib/db/sandboxes/shared-parts.ts, migration 20261127225606_sandbox_shared_parts): a
// new lab sandbox's `meta` leaves them out and references the shared row; it reads back
// as the copy it was; the shared row outlives any one sandbox and cannot be deleted while
// referenced; a sandbox whose world changes stores its own manifests; a sandbox stored
// before (manifests inside `meta`) loads as before; the open is still one insert.
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { deleteSandboxRecord } from "@/lib/db/sandboxes";
import { cachedEntry, forget } from "@/lib/db/sandboxes/cache";
import { load } from "@/lib/db/sandboxes/load";
import { splitMeta } from "@/lib/db/sandboxes/meta-split";
import { pool } from "@/lib/db/sandboxes/pool";
import { insertSandbox } from "@/lib/db/sandboxes/rows";
import { requireLab } from "@/lib/labs/catalog";
import { drawParams } from "@/lib/labs/params";
import { labSandbox } from "@/lib/labs/server";
import { labStartFor } from "@/lib/labs/start/lab-start-template";
import { stateMeta, type SandboxState } from "@/lib/sim";
import { canonicalJson } from "@/lib/sim/state-codec";
import { logRows } from "@/lib/sim/store/types";
import { runTerminalCommand } from "@/lib/terminal";
import { createUser } from "../auth-fixtures";

const LAB = "cluster-anatomy";

interface Stored {
  sharedPods: string | null;
  shiftMs: string | null;
  podsInMeta: boolean;
  metaBytes: number;
}

async function stored(id: string): Promise<Stored> {
  const { rows } = await pool().query<Stored>(
    `SELECT "sharedPods", "sharedPodsShiftMs"::text AS "shiftMs",
       COALESCE("meta"->'world' ? 'staticPods', false) AS "podsInMeta",
       octet_length("meta"::text) AS "metaBytes"
     FROM "Sandbox" WHERE "id" = $1`,
    [id],
  );
  return rows[0]!;
}

async function sharedExists(hash: string): Promise<boolean> {
  const { rows } = await pool().query(`SELECT 1 FROM "SandboxShared" WHERE "hash" = $1`, [hash]);
  return rows.length === 1;
}

/** Everything a state holds but its journal (read back from the newest log rows anyway). */
const stateText = (s: SandboxState) =>
  canonicalJson({ meta: stateMeta(s), rows: logRows(s.store.log) });

async function loadedText(id: string): Promise<string> {
  forget(id); // a cold load, as on another instance
  return stateText((await load(id)).state);
}

describe("a lab template's static pods stored once", () => {
  it("a new lab sandbox references the shared manifests and reads back as the copy it was", async () => {
    const [a, b] = [await createUser("LEARNER"), await createUser("LEARNER")];
    const idA = await labSandbox(a.id, LAB);
    const idB = await labSandbox(b.id, LAB);
    const copyA = stateText(cachedEntry(idA)!.state);
    const copyB = stateText(cachedEntry(idB)!.state);
    const [sa, sb] = [await stored(idA), await stored(idB)];
    expect(sa.sharedPods).toMatch(/^[0-9a-f]{64}$/);
    expect(sb.sharedPods).toBe(sa.sharedPods);
    expect(sa.podsInMeta).toBe(false);
    // 44.5 KB with the manifests inside; the rest is well under a quarter of that.
    expect(sa.metaBytes).toBeLessThan(12_000);
    expect(Object.keys(cachedEntry(idA)!.state.world!.staticPods).length).toBeGreaterThan(0);

    expect(await loadedText(idA)).toBe(copyA);
    expect(await loadedText(idB)).toBe(copyB);
  }, 60_000);

  it("keeps the shared row when a sandbox goes, and refuses its delete while referenced", async () => {
    const [a, b] = [await createUser("LEARNER"), await createUser("LEARNER")];
    const idA = await labSandbox(a.id, LAB);
    const idB = await labSandbox(b.id, LAB);
    const copyB = stateText(cachedEntry(idB)!.state);
    const hash = (await stored(idA)).sharedPods!;

    await deleteSandboxRecord(idA);
    forget(idA);
    expect(await sharedExists(hash)).toBe(true);
    expect(await loadedText(idB)).toBe(copyB);

    await expect(
      pool().query(`DELETE FROM "SandboxShared" WHERE "hash" = $1`, [hash]),
    ).rejects.toMatchObject({ code: "23503" });
    expect(await sharedExists(hash)).toBe(true);
    // An unreferenced row can go (the trigger refuses only referenced ones).
    const loose = randomUUID();
    await pool().query(`INSERT INTO "SandboxShared" ("hash", "body") VALUES ($1, '{}')`, [loose]);
    await pool().query(`DELETE FROM "SandboxShared" WHERE "hash" = $1`, [loose]);
    expect(await sharedExists(loose)).toBe(false);
  }, 60_000);

  it("a sandbox whose world changes keeps its own manifests; the others still share", async () => {
    const [a, b] = [await createUser("LEARNER"), await createUser("LEARNER")];
    const idA = await labSandbox(a.id, LAB);
    const idB = await labSandbox(b.id, LAB);
    const saved = await runTerminalCommand(idA, "etcdctl snapshot save /root/backup.db");
    expect(saved.stdout).toBe("Snapshot saved at /root/backup.db\n");
    const copyA = stateText(cachedEntry(idA)!.state);
    expect(cachedEntry(idA)!.state.world!.hostFiles).toHaveProperty(["/root/backup.db"]);
    // The world's patch holds the manifests: they take precedence over the shared row.
    expect((await stored(idA)).podsInMeta).toBe(true);
    expect(await loadedText(idA)).toBe(copyA);
    expect((await stored(idB)).podsInMeta).toBe(false);
    expect(
      (await runTerminalCommand(idA, "etcdctl snapshot status /root/backup.db -w table")).exitCode,
    ).toBe(0);
    expect((await runTerminalCommand(idA, "kubectl get pods -n kube-system")).stdout).toContain(
      "etcd-",
    );
  }, 60_000);

  it("a sandbox stored before (manifests inside meta) loads as it was", async () => {
    const user = await createUser("LEARNER");
    const lab = requireLab(LAB);
    const start = labStartFor(
      lab,
      drawParams(user.id, LAB, lab.sample.params),
      randomUUID().replaceAll("-", ""),
      Date.now(),
    );
    const id = `old-${randomUUID()}`;
    // The insert as it was written before shared parts: the whole split `meta`.
    const meta = splitMeta(stateMeta(start.state));
    expect(await insertSandbox(pool(), id, user.id, meta, start.rows)).toBe(true);
    const s = await stored(id);
    expect(s.sharedPods).toBeNull();
    expect(s.podsInMeta).toBe(true);
    expect(await loadedText(id)).toBe(stateText(start.state));
  }, 60_000);

  it("opens a new lab sandbox with one insert statement", async () => {
    const user = await createUser("LEARNER");
    const query = vi.spyOn(pool(), "query");
    try {
      await labSandbox(user.id, LAB, null);
      const texts = query.mock.calls.map((c) => JSON.stringify(c[0]));
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain(`INSERT INTO \\"SandboxShared\\"`);
    } finally {
      query.mockRestore();
    }
  }, 60_000);
});
