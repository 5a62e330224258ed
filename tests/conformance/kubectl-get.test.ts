import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubectlBinaries, startLab, type Lab } from "./harness";

const binaries = kubectlBinaries();
if (binaries.length === 0) console.warn("conformance: no kubectl binary found on PATH; skipping");

describe.skipIf(binaries.length === 0)("real kubectl: read commands", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("kubectl version reports the sandbox's 1.28 server", async () => {
    const r = await lab.kubectl(["version", "-o", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).serverVersion.gitVersion).toBe("v1.28.0");
  });

  it("get nodes prints the server-side table", async () => {
    const r = await lab.kubectl(["get", "nodes"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(r.stdout).toMatch(/master1\s+Ready\s+control-plane/);
  });

  it("logs answers, and logs -f keeps streaming until the client leaves", async () => {
    const loop = ["sh", "-c", "while true; do echo tick; sleep 1; done"];
    expect((await lab.kubectl(["run", "logger", "--image=busybox", "--", ...loop])).code).toBe(0);
    // Before the container has started, the kubelet refuses as on a real cluster.
    const early = await lab.kubectl(["logs", "logger"]);
    if (early.code !== 0) expect(early.stderr).toMatch(/is waiting to start/);
    const deadline = Date.now() + 20_000;
    let phase = "";
    while (phase !== "Running" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      phase = (await lab.kubectl(["get", "pod", "logger", "-o", "jsonpath={.status.phase}"]))
        .stdout;
    }
    const once = await lab.kubectl(["logs", "logger"]);
    expect(once.stderr).toBe("");
    expect(once.code).toBe(0);
    expect(once.stdout).toMatch(/^tick\n/);
    const started = Date.now();
    const follow = await lab.kubectl(["logs", "-f", "logger"], { timeoutMs: 3000 });
    // Killed by the harness after 3 s: the server kept the stream open, with new lines.
    expect(follow.code).toBe(-1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(follow.stdout.split("tick").length).toBeGreaterThan(once.stdout.split("tick").length);
  }, 40_000);
});
