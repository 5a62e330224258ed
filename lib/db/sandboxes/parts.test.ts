import { afterEach, describe, expect, it, vi } from "vitest";

async function loadParts(on: boolean) {
  vi.resetModules();
  vi.stubEnv("KUBELAB_DB_PARTS", on ? "1" : "");
  (globalThis as { kubelabDbParts?: unknown }).kubelabDbParts = undefined;
  return import("./parts");
}

/** Busy for `ms` of this process's CPU time (a wall-clock spin gets less on a loaded machine). */
function spin(ms: number): number {
  const t0 = process.cpuUsage();
  let n = 0;
  for (;;) {
    const used = process.cpuUsage(t0);
    if ((used.user + used.system) / 1000 >= ms) return n;
    n++;
  }
}

describe("store part timers", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("adds the CPU time of each timed call to its part when on", async () => {
    const parts = await loadParts(true);
    expect(parts.timed("catchUp", () => spin(20) > 0)).toBe(true);
    parts.timed("request", () => spin(5));
    parts.countCommand();
    const t = parts.partTimes();
    expect(t.catchUp).toBeGreaterThanOrEqual(20);
    expect(t.request).toBeGreaterThanOrEqual(5);
    expect(t.request).toBeLessThan(t.catchUp);
    expect(t.persist).toBe(0);
    expect(t.commands).toBe(1);
  });

  it("counts a part that threw and passes the error on", async () => {
    const parts = await loadParts(true);
    expect(() =>
      parts.timed("persist", () => {
        spin(5);
        throw new RangeError("boom");
      }),
    ).toThrow(RangeError);
    expect(parts.partTimes().persist).toBeGreaterThanOrEqual(5);
  });

  it("measures nothing when off", async () => {
    const parts = await loadParts(false);
    expect(parts.timed("catchUp", () => spin(5))).toBeGreaterThan(0);
    parts.countCommand();
    expect(parts.partTimes()).toEqual({
      catchUp: 0,
      request: 0,
      persist: 0,
      logPack: 0,
      commands: 0,
    });
  });
});
