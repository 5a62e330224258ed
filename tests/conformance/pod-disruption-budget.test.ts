// PodDisruptionBudgets through the real kubectl: `kubectl create pdb` is served, `kubectl get
// pdb` prints the server's Table, and `kubectl drain` meets the eviction's 429 refusal, retries
// every 5 s and finishes once the evicted replica's replacement is Ready elsewhere.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTerminalCommand } from "@/lib/terminal/run-command";
import { kubectlBinaries, startLab, type Lab } from "./harness";

const binaries = kubectlBinaries();
if (binaries.length === 0) console.warn("conformance: no kubectl binary found on PATH; skipping");

describe.skipIf(binaries.length === 0)("PodDisruptionBudget with the real kubectl", () => {
  let lab: Lab;
  const ok = async (args: string[]) => {
    const r = await lab.kubectl(args, { timeoutMs: 60_000 });
    if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")}: ${r.stderr}`);
    return r;
  };
  beforeAll(async () => {
    lab = await startLab();
    // Both replicas on worker1: draining it must evict both under minAvailable 1.
    await ok(["cordon", "worker2"]);
    await ok(["create", "deployment", "web", "--image=nginx", "--replicas=2"]);
    await ok(["rollout", "status", "deployment/web", "--timeout=60s"]);
    await ok(["uncordon", "worker2"]);
  }, 120_000);
  afterAll(async () => {
    await lab?.close();
  });

  it("kubectl create pdb / get pdb", async () => {
    const created = await lab.kubectl([
      "create",
      "pdb",
      "web",
      "--selector=app=web",
      "--min-available=1",
    ]);
    expect([created.code, created.stdout, created.stderr]).toEqual([
      0,
      "poddisruptionbudget.policy/web created\n",
      "",
    ]);
    await ok(["wait", "pdb/web", "--for=jsonpath={.status.disruptionsAllowed}=1", "--timeout=30s"]);
    const real = await lab.kubectl(["get", "pdb", "web"]);
    expect(real.stdout).toMatch(
      /^NAME +MIN AVAILABLE +MAX UNAVAILABLE +ALLOWED DISRUPTIONS +AGE\nweb +1 +N\/A +1 +\d+s\n$/,
    );
    // The web terminal prints the same Table (ages aside).
    const age = (text: string) => text.replace(/\d+s\n/g, "<age>\n").replace(/ +/g, " ");
    const printed = await runTerminalCommand(lab.sandboxId, "kubectl get pdb web");
    expect(age(printed.stdout)).toBe(age(real.stdout));
    const terminal = await runTerminalCommand(
      lab.sandboxId,
      "kubectl get pdb web -o jsonpath={.status}",
    );
    expect(JSON.parse(terminal.stdout)).toMatchObject({
      currentHealthy: 2,
      desiredHealthy: 1,
      expectedPods: 2,
      disruptionsAllowed: 1,
    });
  }, 60_000);

  it("kubectl drain retries on the budget's refusal, then drains", async () => {
    const r = await lab.kubectl(["drain", "worker1", "--ignore-daemonsets", "--timeout=90s"], {
      timeoutMs: 120_000,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^error when evicting pods\/"web-\S+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.$/m,
    );
    expect(r.stdout.match(/^pod\/web-\S+ evicted$/gm)).toHaveLength(2);
    expect(r.stdout).toMatch(/node\/worker1 drained\n$/);
  }, 150_000);
});
