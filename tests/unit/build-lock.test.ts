// The `.next` build lock (tests/setup/build-lock.ts): builders exclude each other
// and running servers, servers share, a killed holder frees the lock, and two
// concurrent setups build once.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireLock, buildLockPath, buildOnceAndHold } from "../setup/build-lock";

const lockFile = () => path.join(mkdtempSync(path.join(tmpdir(), "build-lock-")), "next.lock");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves to true when the promise settles within `ms`. */
async function settlesWithin(p: Promise<unknown>, ms: number) {
  return Promise.race([p.then(() => true), sleep(ms).then(() => false)]);
}

describe("build lock", () => {
  it("is one file per checkout in the temp folder", () => {
    expect(buildLockPath("/a/repo")).toBe(buildLockPath("/a/repo/"));
    expect(buildLockPath("/a/repo")).not.toBe(buildLockPath("/b/repo"));
    expect(path.dirname(buildLockPath("/a/repo"))).toBe(tmpdir());
  });

  it("lets servers share and makes a builder wait for all of them", async () => {
    const file = lockFile();
    const a = await acquireLock("shared", file);
    const b = await acquireLock("shared", file);
    const builder = acquireLock("exclusive", file);
    expect(await settlesWithin(builder, 300)).toBe(false);
    await a.release();
    expect(await settlesWithin(builder, 300)).toBe(false);
    await b.release();
    const held = await builder;
    // And a server waits for the builder.
    const server = acquireLock("shared", file);
    expect(await settlesWithin(server, 300)).toBe(false);
    await held.release();
    await (await server).release();
  });

  it("is freed when the process holding it is killed", async () => {
    const file = lockFile();
    // A node process holding the lock the way acquireLock does (flock + cat on a pipe).
    const script = `require("child_process").spawn("flock", ["-x", ${JSON.stringify(file)}, "sh", "-c", "echo locked; exec cat"], { stdio: ["pipe", "inherit", "inherit"] }); setInterval(() => {}, 1e6);`;
    const holder = spawn(process.execPath, ["-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise((r) => holder.stdout.once("data", r));
    const waiting = acquireLock("exclusive", file);
    expect(await settlesWithin(waiting, 300)).toBe(false);
    holder.kill("SIGKILL");
    await (await waiting).release();
  });

  it("builds once when two setups find the build stale at the same time", async () => {
    const file = lockFile();
    let stale = true;
    let builds = 0;
    const opts = {
      file,
      isStale: () => stale,
      build: () => {
        builds++;
        stale = false;
      },
    };
    const [x, y] = await Promise.all([buildOnceAndHold({}, opts), buildOnceAndHold({}, opts)]);
    expect(builds).toBe(1);
    expect([x.mode, y.mode]).toEqual(["shared", "shared"]);
    await x.release();
    await y.release();
  });
});
