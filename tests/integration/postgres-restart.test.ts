// Fault: PostgreSQL restarts while a learner works. This file runs its own
// embedded server (the shared test server must stay up for the other files):
// during the outage requests fail with the Korean "잠시 후 다시 시도" 503, the
// process stays up, and afterwards the same in-process pools serve again with
// nothing committed lost.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type RunningPostgres } from "../../scripts/db/embedded-postgres";
import { applyMigrations } from "../../scripts/db/migrate";
import { projectRoot } from "../../scripts/db/migrations-dir";
import { POST as exec } from "@/app/api/sandboxes/[id]/exec/route";
import { GET as ready } from "@/app/api/ready/route";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { runTerminalCommand, userSandbox } from "@/lib/terminal";
import { createUser, jsonRequest, sessionCookie } from "./auth-fixtures";

let dir = "";
let server: RunningPostgres;
let port = 0;

async function startServer(): Promise<void> {
  server = await startEmbeddedPostgres({ dir, port, persistent: true });
}

beforeAll(async () => {
  const base = path.join(projectRoot, ".test-data");
  mkdirSync(base, { recursive: true });
  dir = mkdtempSync(path.join(base, "restart-"));
  const first = await startEmbeddedPostgres({ dir, persistent: true });
  server = first;
  const url = new URL(first.url("postgres"));
  port = Number(url.port);
  await applyMigrations(url.toString());
  // Nothing in this worker has opened a pool yet: both lib/db clients read this lazily.
  process.env.DATABASE_URL = url.toString();
}, 120_000);

afterAll(async () => {
  await server?.stop().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

function run(sandboxId: string, cookie: string, command: string) {
  return exec(jsonRequest(`/api/sandboxes/${sandboxId}/exec`, "POST", { command }, { cookie }), {
    params: Promise.resolve({ id: sandboxId }),
  });
}

/** Retries while the freshly restarted server still refuses (start-up takes a moment). */
async function eventually(fn: () => Promise<Response>): Promise<Response> {
  let last: Response | undefined;
  for (let i = 0; i < 50; i++) {
    last = await fn();
    if (last.status !== 503) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last!;
}

describe("PostgreSQL restart", () => {
  it("answers 503 with a retry hint during the outage and recovers without losing writes", async () => {
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    const sandboxId = await userSandbox(user.id);

    const created = await run(sandboxId, cookie, "kubectl create namespace before-outage");
    expect(await created.json()).toMatchObject({ exitCode: 0 });

    await server.stop();

    const during = await run(sandboxId, cookie, "kubectl create namespace during-outage");
    expect(during.status).toBe(503);
    expect(during.headers.get("retry-after")).toBe("5");
    expect((await during.json()).error.message).toBe(
      "데이터베이스에 잠시 연결할 수 없습니다. 잠시 후 다시 시도하세요.",
    );
    expect((await ready()).status).toBe(503);
    // The sandbox path (node-postgres, not Prisma) fails the request, not the command.
    const direct = await runTerminalCommand(sandboxId, "kubectl get ns").catch((e: unknown) => e);
    expect(isDatabaseUnavailable(direct)).toBe(true);

    await startServer();

    expect((await eventually(() => ready())).status).toBe(200);
    const after = await eventually(() => run(sandboxId, cookie, "kubectl get namespaces -o name"));
    expect(after.status).toBe(200);
    const out = (await after.json()).stdout as string;
    expect(out).toContain("namespace/before-outage");
    expect(out).not.toContain("namespace/during-outage");

    const again = await run(sandboxId, cookie, "kubectl create namespace after-outage");
    expect(await again.json()).toMatchObject({ exitCode: 0 });
  }, 120_000);
});
