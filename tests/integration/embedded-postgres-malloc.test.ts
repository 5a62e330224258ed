// The embedded server's processes run with glibc malloc settings that keep freed memory at the
// heap's top (SERVER_MALLOC_TUNABLES, scripts/db/embedded-postgres.ts): without them a backend
// shrank and regrew its heap around nearly every sandbox write, and the shrinks' TLB flushes were
// a large part of the server's CPU on this VM. This file starts its own server and reads a
// backend's environment from /proc, so it proves the setting reaches the processes that run
// the statements, and that it does not stay behind in this process's environment (the app's own
// child processes inherit that).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SERVER_MALLOC_TUNABLES,
  startEmbeddedPostgres,
  type RunningPostgres,
} from "../../scripts/db/embedded-postgres";
import { projectRoot } from "../../scripts/db/migrations-dir";

let dir = "";
let server: RunningPostgres | undefined;
// An operator's own GLIBC_TUNABLES is kept as it is (then the server gets that one).
const inherited = process.env.GLIBC_TUNABLES;

beforeAll(async () => {
  const base = path.join(projectRoot, ".test-data");
  mkdirSync(base, { recursive: true });
  dir = mkdtempSync(path.join(base, "malloc-"));
  server = await startEmbeddedPostgres({ dir, persistent: false });
}, 120_000);

afterAll(async () => {
  await server?.stop().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

/** A process's environment variable as /proc shows it (glibc may have cut it short, see below). */
function environOf(pid: number, name: string): string | undefined {
  const entries = readFileSync(`/proc/${pid}/environ`, "latin1").split("\0");
  const entry = entries.find((e) => e.startsWith(`${name}=`));
  return entry?.slice(name.length + 1);
}

describe("embedded PostgreSQL's malloc settings", () => {
  it("reach the server's backends, and only them", async () => {
    const client = new pg.Client({ connectionString: server!.url("postgres") });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      const seen = environOf(rows[0]!.pid, "GLIBC_TUNABLES");
      // glibc ends the variable at its first setting in place while reading it, so /proc shows
      // that one (trim_threshold, put first for this reason); its other settings were read.
      const expected = (inherited ?? SERVER_MALLOC_TUNABLES).split(":")[0]!;
      expect(seen).toBeDefined();
      expect(seen!.split(":")[0]).toBe(expected);
    } finally {
      await client.end();
    }
    expect(process.env.GLIBC_TUNABLES).toBe(inherited);
  });
});
