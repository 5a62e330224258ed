// The worker launcher's decisions that need no processes: how many workers
// KUBELAB_WORKERS asks for, and how fast a dying worker is replaced.
import { describe, expect, it } from "vitest";
import {
  listenPort,
  restartDelayMs,
  WebWorkersConfigError,
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
