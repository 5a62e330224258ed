import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../testing";

// Each test builds the lesson's cluster: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

describe("kubectl top (usage derived from requests: the simulator has no metrics-server)", () => {
  it("top nodes: kubectl's columns, every cell padded, usage within allocatable and stable", async () => {
    const { run } = labTerminal("top-nodes");
    const r = await run("kubectl top nodes");
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("NAME      CPU(cores)   CPU%   MEMORY(bytes)   MEMORY%   ");
    expect(lines.slice(1, 4).map((l) => l.split(/\s+/)[0])).toEqual([
      "master1",
      "worker1",
      "worker2",
    ]);
    for (const l of lines.slice(1, 4)) expect(l).toMatch(/^\w+ +\d+m +\d+% +\d+Mi +\d+% +$/);
    // master1 runs the control plane: it uses more CPU than its 650m of requests' lower bound.
    const masterCpu = Number(/^master1 +(\d+)m/.exec(lines[1]!)![1]);
    expect(masterCpu).toBeGreaterThan(650 * 0.3);
    expect((await run("kubectl top nodes")).stdout).toBe(r.stdout);
    expect((await run("kubectl top node worker1 --no-headers")).stdout).toMatch(/^worker1 +\d+m/);
  });

  it("top pods follows requests; -A adds NAMESPACE; --containers; empty namespace", async () => {
    const { run } = labTerminal("top-pods");
    const r = await run("kubectl top pods -n kube-system --sort-by=cpu");
    const rows = r.stdout.trimEnd().split("\n");
    expect(rows[0]).toBe(
      `NAME${" ".repeat("kube-controller-manager-master1".length - 1)}CPU(cores)   MEMORY(bytes)   `,
    );
    const cpus = rows.slice(1).map((l) => Number(/ (\d+)m /.exec(l)![1]));
    expect([...cpus].sort((a, b) => b - a)).toEqual(cpus);
    // kube-apiserver requests 250m: its usage stays between 30 % and 80 % of that.
    const api = Number(/kube-apiserver-master1 +(\d+)m/.exec(r.stdout)![1]);
    expect(api).toBeGreaterThanOrEqual(75);
    expect(api).toBeLessThanOrEqual(200);
    expect((await run("kubectl top pods -A")).stdout.split("\n")[0]).toMatch(
      /^NAMESPACE +NAME +CPU\(cores\) +MEMORY\(bytes\) +$/,
    );
    expect((await run("kubectl top pods -n kube-system --containers")).stdout).toMatch(
      /^POD +NAME +CPU\(cores\) +MEMORY\(bytes\) +\n/,
    );
    expect(await run("kubectl top pods")).toMatchObject({
      stdout: "",
      stderr: "No resources found in default namespace.\n",
    });
  });
});
