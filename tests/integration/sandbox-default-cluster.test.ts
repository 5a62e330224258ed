// The lab's default cluster as the app stores it: a copy of the process's template
// (lib/sim/cluster/cluster-template.ts) written in one statement, its rows in stored
// value format 3, read back byte for byte, within issue 4's 64 KiB.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sandboxRequest, sandboxStorageBytes } from "@/lib/db/sandboxes";
import { forget } from "@/lib/db/sandboxes/cache";
import { splitMeta } from "@/lib/db/sandboxes/meta-split";
import { pool, transaction } from "@/lib/db/sandboxes/pool";
import { insertSandbox, loadRows } from "@/lib/db/sandboxes/rows";
import { createClusterSandbox, stateMeta } from "@/lib/sim";

async function stored(seed: string, now: number) {
  const sb = createClusterSandbox({ seed, now });
  const id = `dc-${randomBytes(8).toString("hex")}`;
  await insertSandbox(pool(), id, null, splitMeta(stateMeta(sb.state)), sb.changes.appended);
  return { id, sb };
}

describe("a default-cluster sandbox in Postgres", () => {
  it("reads every row back exactly, whatever time it was created at", async () => {
    for (const now of [Date.now(), Date.UTC(2030, 6, 1, 12, 0, 0, 999)]) {
      const { id, sb } = await stored(`pg-${now}`, now);
      const rows = await transaction((c) => loadRows(c, id));
      expect(rows).toEqual([...sb.changes.appended].sort((a, b) => a.revision - b.revision));
    }
  });

  it("stores a fresh one in at most 64 KiB", async () => {
    const { id } = await stored("pg-size", Date.now());
    expect(await sandboxStorageBytes(id)).toBeLessThanOrEqual(64 * 1024);
  });

  it("serves the stored cluster to its own admin token only, after a cold load", async () => {
    const a = await stored("pg-a", Date.now());
    const b = await stored("pg-b", Date.now());
    forget(a.id);
    const path = "/api/v1/namespaces/kube-system/pods";
    const ok = await sandboxRequest(a.id, { method: "GET", path, token: a.sb.adminToken });
    expect(ok.response.code).toBe(200);
    const names = (ok.response as { body: { items: { metadata: { name: string } }[] } }).body.items;
    expect(names).toHaveLength(9);
    const other = await sandboxRequest(a.id, { method: "GET", path, token: b.sb.adminToken });
    expect(other.response.code).toBe(401);
  });
});
