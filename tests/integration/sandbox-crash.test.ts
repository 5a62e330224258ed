import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createSandboxRecord, sandboxRequest } from "@/lib/db/sandboxes";
import { configMapCreate, kvRevisions, sandboxVersion } from "./sandbox-fixtures";

describe("sandbox crash safety", () => {
  it("rolls back a request that fails after writing, and the next request sees the old state", async () => {
    const { id } = await createSandboxRecord({ seed: "crash-1" });
    const rows = await kvRevisions(id);
    await expect(
      sandboxRequest(id, configMapCreate("lost"), {
        beforeCommit: async () => {
          throw new Error("simulated crash before COMMIT");
        },
      }),
    ).rejects.toThrow("simulated crash");
    expect(await kvRevisions(id)).toEqual(rows);
    expect(await sandboxVersion(id)).toBe(0);
    // the process cache was dropped: the same name can be created, at the same revision
    const again = await sandboxRequest(id, configMapCreate("lost"));
    expect(again.response.code).toBe(201);
    expect((await kvRevisions(id)).at(-1)).toBe(rows.at(-1)! + 1);
  });

  it("leaves the sandbox as before when the process is killed inside the transaction", async () => {
    const { id } = await createSandboxRecord({ seed: "crash-2" });
    const rows = await kvRevisions(id);
    const worker = path.join(import.meta.dirname, "sandbox-worker.ts");
    const child = spawn(process.execPath, ["--import", "tsx", worker, "hang", id], {
      env: { ...process.env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    // the worker prints "written" after its INSERTs, then waits inside the transaction
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        if (d.toString().includes("written")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`worker exited early (${code})`)));
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.on("exit", r));
    expect(await kvRevisions(id)).toEqual(rows);
    const r = await sandboxRequest(id, configMapCreate("after-crash"));
    expect(r.response.code).toBe(201);
    expect(await sandboxVersion(id)).toBe(1);
  });
});
