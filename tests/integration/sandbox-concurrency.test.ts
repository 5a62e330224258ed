import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createSandboxRecord, sandboxRequest } from "@/lib/db/sandboxes";
import { admin, kvRevisions, sandboxVersion } from "./sandbox-fixtures";

function runWorker(args: string[]): Promise<void> {
  const worker = path.join(import.meta.dirname, "sandbox-worker.ts");
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

describe("sandbox concurrency", () => {
  it("loses no update when two processes write to one sandbox at the same time", async () => {
    const { id } = await createSandboxRecord({ seed: "conc" });
    const start = (await kvRevisions(id)).at(-1)!;
    const n = 25;
    await Promise.all([
      runWorker(["create", id, "a", String(n)]),
      runWorker(["create", id, "b", String(n)]),
    ]);
    const list = await sandboxRequest(id, {
      method: "GET",
      path: "/api/v1/namespaces/default/configmaps",
      user: admin,
    });
    const names = (
      list.response as { body: { items: { metadata: { name: string } }[] } }
    ).body.items.map((i) => i.metadata.name);
    expect(names).toHaveLength(2 * n);
    // every write got its own revision, without gaps
    const revisions = await kvRevisions(id);
    expect(revisions.slice(-2 * n)).toEqual(Array.from({ length: 2 * n }, (_, i) => start + 1 + i));
    expect(await sandboxVersion(id)).toBe(2 * n + 1);
  });

  it("serializes concurrent callers inside one process too", async () => {
    const { id } = await createSandboxRecord({ seed: "conc-2" });
    const puts = Array.from({ length: 10 }, (_, i) =>
      sandboxRequest(id, {
        method: "POST",
        path: "/api/v1/namespaces/default/configmaps",
        user: admin,
        body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `c${i}` } },
      }),
    );
    const results = await Promise.all(puts);
    expect(results.every((r) => r.response.code === 201)).toBe(true);
    expect(await sandboxVersion(id)).toBe(10);
  });
});
