// The lesson route's first-load JavaScript, measured from the build output the
// e2e setup produced: within budget, and without editor/terminal/diagram code.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const script = path.join(process.cwd(), "scripts/check-page-weight.mjs");
const run = (...args: string[]) =>
  spawnSync(process.execPath, [script, ...args], { encoding: "utf8" });

describe("lesson page weight", () => {
  it("ships at most 200 kB gzip of JavaScript on first load", () => {
    const result = run();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const total = /first-load JS ([\d.]+) kB gzip/.exec(result.stdout);
    expect(Number(total?.[1])).toBeGreaterThan(50);
    expect(Number(total?.[1])).toBeLessThanOrEqual(200);
  });

  it("fails when the budget is exceeded", () => {
    const result = run("--limit-kb", "50");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/over the 50 kB budget/);
  });
});
