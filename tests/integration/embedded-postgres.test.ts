// The embedded server (npm start's, the tests' and the benches').
// Its processes run with glibc malloc settings that keep freed memory at the
// heap's top (SERVER_MALLOC_TUNABLES, scripts/db/embedded-postgres.ts): without them a backend
// shrank and regrew its heap around nearly every sandbox write, and the shrinks' TLB flushes were
// a large part of the server's CPU on this VM. This file starts its own server and reads a
// backend's environment from /proc, so it proves the setting reaches the processes that run
// the statements, and that it does not stay behind in this process's environment (the app's own
// child processes inherit that).
// It can also listen on a Unix socket, which `npm start` and the benches connect through.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SERVER_MALLOC_TUNABLES,
  socketDirFor,
  startEmbeddedPostgres,
  type RunningPostgres,
} from "../../scripts/db/embedded-postgres";

let dir = "";
let server: RunningPostgres | undefined;
// An operator's own GLIBC_TUNABLES is kept as it is (then the server gets that one).
const inherited = process.env.GLIBC_TUNABLES;

beforeAll(async () => {
  // Under /tmp, not .test-data: the socket's path must stay short wherever the checkout is.
  dir = mkdtempSync(path.join(tmpdir(), "kubelab-embedded-"));
  server = await startEmbeddedPostgres({ dir, persistent: false, unixSocket: true });
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

describe("embedded PostgreSQL's Unix socket", () => {
  it("serves socketUrl over the socket in the data directory, url over loopback TCP", async () => {
    expect(server!.socketUrl).toBeDefined();
    const over = async (url: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        // inet_server_addr() is NULL on a Unix-socket connection.
        const { rows } = await client.query<{ addr: string | null }>(
          "SELECT host(inet_server_addr()) AS addr",
        );
        return rows[0]!.addr;
      } finally {
        await client.end();
      }
    };
    expect(await over(server!.socketUrl!("postgres"))).toBeNull();
    expect(await over(server!.url("postgres"))).toBe("127.0.0.1");
    expect(new URL(server!.socketUrl!("postgres")).searchParams.get("host")).toBe(
      path.join(dir, "pgdata"),
    );
  });

  it("is left out where its path would not fit in a socket address", () => {
    expect(socketDirFor("/tmp/x/pgdata", 54321)).toBe("/tmp/x/pgdata");
    expect(socketDirFor(`/tmp/${"d".repeat(100)}/pgdata`, 54321)).toBeUndefined();
  });
});
