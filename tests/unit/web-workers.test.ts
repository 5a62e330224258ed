// The worker launcher's decisions that need no processes: how many workers
// KUBELAB_WORKERS asks for, how fast a dying worker is replaced, what each worker
// runs (the fast lane's entry or `next start`) and with which V8 flags.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import path from "node:path";
import {
  fastLaneEnabled,
  listenPort,
  restartDelayMs,
  semiSpaceFlags,
  stickyLaneSetup,
  sweepDeadLaneDirs,
  WebWorkersConfigError,
  workerCommand,
  workerCount,
} from "../../scripts/web-workers";

describe("workerCount", () => {
  it("defaults to one worker per core", () => {
    expect(workerCount({}, 2)).toBe(2);
    expect(workerCount({ KUBELAB_WORKERS: "" }, 8)).toBe(8);
    expect(workerCount({ KUBELAB_WORKERS: "  " }, 3)).toBe(3);
  });

  it("takes KUBELAB_WORKERS when it is a positive integer", () => {
    expect(workerCount({ KUBELAB_WORKERS: "1" }, 8)).toBe(1);
    expect(workerCount({ KUBELAB_WORKERS: " 4 " }, 2)).toBe(4);
    expect(workerCount({ KUBELAB_WORKERS: "256" }, 2)).toBe(256);
  });

  it("refuses anything else with a typed error naming the value", () => {
    for (const bad of ["0", "-1", "1.5", "two", "2x", "08", "257", "1e2"]) {
      expect(() => workerCount({ KUBELAB_WORKERS: bad }, 2), bad).toThrow(WebWorkersConfigError);
    }
    expect(() => workerCount({ KUBELAB_WORKERS: "two" }, 2)).toThrow(/"two"/);
  });
});

describe("listenPort", () => {
  it("is 3000 unless PORT names a port", () => {
    expect(listenPort({})).toBe(3000);
    expect(listenPort({ PORT: "" })).toBe(3000);
    expect(listenPort({ PORT: "8080" })).toBe(8080);
    expect(listenPort({ PORT: "65535" })).toBe(65535);
  });

  it("refuses what next start could not listen on as meant", () => {
    // 0 would give every worker one random port that NEXTAUTH_URL cannot name.
    for (const bad of ["0", "65536", "http", "80.5", "-1"]) {
      expect(() => listenPort({ PORT: bad }), bad).toThrow(WebWorkersConfigError);
    }
  });
});

describe("restartDelayMs", () => {
  it("replaces a worker that died after serving at once", () => {
    expect(restartDelayMs(0)).toBe(0);
  });

  it("backs off while workers keep dying before they listen, then gives up", () => {
    const delays = [1, 2, 3, 4].map((n) => restartDelayMs(n));
    expect(delays).toEqual([250, 500, 1000, 2000]);
    expect(restartDelayMs(5)).toBeUndefined();
    expect(restartDelayMs(9, 10)).toBe(10_000);
    expect(restartDelayMs(10, 10)).toBeUndefined();
  });
});

describe("workerCommand", () => {
  const opts = { port: 4000, host: "127.0.0.1", keepAliveTimeoutMs: 65_000 };

  it("runs the fast lane's entry with `next start`'s arguments by default", () => {
    const { exec, args } = workerCommand({ ...opts, env: {} });
    expect(path.relative(process.cwd(), exec)).toBe(
      path.join("server", "fast-lane", "worker-entry.mjs"),
    );
    expect(args).toEqual(["-p", "4000", "-H", "127.0.0.1", "--keepAliveTimeout", "65000"]);
    expect(fastLaneEnabled({ KUBELAB_FAST_LANE: "1" })).toBe(true);
  });

  it("runs exactly `next start` with KUBELAB_FAST_LANE=0", () => {
    const { exec, args } = workerCommand({
      ...opts,
      host: undefined,
      env: { KUBELAB_FAST_LANE: " 0 " },
    });
    expect(exec.endsWith(path.join("next", "dist", "bin", "next"))).toBe(true);
    expect(args).toEqual(["start", "-p", "4000", "--keepAliveTimeout", "65000"]);
  });
});

describe("semiSpaceFlags", () => {
  it("passes KUBELAB_WORKER_SEMI_SPACE_MB to V8, 0 keeping Node's default", () => {
    expect(semiSpaceFlags({ KUBELAB_WORKER_SEMI_SPACE_MB: "32" })).toEqual([
      "--max-semi-space-size=32",
    ]);
    expect(semiSpaceFlags({ KUBELAB_WORKER_SEMI_SPACE_MB: "0" })).toEqual([]);
  });

  it("refuses what is not a size in MiB", () => {
    for (const bad of ["-1", "1.5", "32m", "2048"]) {
      expect(() => semiSpaceFlags({ KUBELAB_WORKER_SEMI_SPACE_MB: bad }), bad).toThrow(
        WebWorkersConfigError,
      );
    }
  });
});

describe("stickyLaneSetup", () => {
  it("gives the workers a private socket folder and a random secret", () => {
    const a = stickyLaneSetup(2, {})!;
    const b = stickyLaneSetup(2, {})!;
    try {
      expect(statSync(a.dir).mode & 0o777).toBe(0o700);
      expect(a.env.KUBELAB_LANE_SOCKET_PREFIX).toBe(path.join(a.dir, "w"));
      expect(a.env.KUBELAB_LANE_SECRET).toMatch(/^[0-9a-f]{64}$/);
      expect(b.env.KUBELAB_LANE_SECRET).not.toBe(a.env.KUBELAB_LANE_SECRET);
      expect(b.dir).not.toBe(a.dir);
    } finally {
      rmSync(a.dir, { recursive: true });
      rmSync(b.dir, { recursive: true });
    }
    expect(existsSync(a.dir)).toBe(false);
  });

  it("names the folder for this primary's pid", () => {
    const a = stickyLaneSetup(2, {})!;
    try {
      expect(path.basename(a.dir)).toMatch(new RegExp(`^kubelab-lane-${process.pid}-`));
    } finally {
      rmSync(a.dir, { recursive: true });
    }
  });

  it("sweeps the folders of primaries that are gone, and only those", () => {
    const tmp = mkdtempSync(path.join(tmpdir(), "sweep-test-"));
    try {
      const dead = path.join(tmp, "kubelab-lane-111-AbC123");
      mkdirSync(dead);
      writeFileSync(path.join(dead, "w0.sock"), "");
      for (const name of [
        "kubelab-lane-222-XyZ789", // a live primary's
        `kubelab-lane-${process.pid}-Own111`, // this primary's
        "kubelab-lane-OldStyle", // no pid: not ours to judge
        "other-333-x",
      ]) {
        mkdirSync(path.join(tmp, name));
      }
      writeFileSync(path.join(tmp, "kubelab-lane-444-File00"), ""); // not a folder
      const removed = sweepDeadLaneDirs(tmp, (pid) => pid === 222);
      expect(removed).toEqual(["kubelab-lane-111-AbC123"]);
      expect(readdirSync(tmp).sort()).toEqual(
        [
          "kubelab-lane-222-XyZ789",
          "kubelab-lane-444-File00",
          `kubelab-lane-${process.pid}-Own111`,
          "kubelab-lane-OldStyle",
          "other-333-x",
        ].sort(),
      );
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("sets nothing up with one worker, without the fast lane, or with KUBELAB_STICKY=0", () => {
    expect(stickyLaneSetup(1, {})).toBe(undefined);
    expect(stickyLaneSetup(4, { KUBELAB_FAST_LANE: "0" })).toBe(undefined);
    expect(stickyLaneSetup(4, { KUBELAB_STICKY: "0" })).toBe(undefined);
  });
});
