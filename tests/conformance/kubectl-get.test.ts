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
    expect((await lab.kubectl(["run", "logger", "--image=busybox"])).code).toBe(0);
    const once = await lab.kubectl(["logs", "logger"]);
    expect(once.code).toBe(0);
    const started = Date.now();
    const follow = await lab.kubectl(["logs", "-f", "logger"], { timeoutMs: 3000 });
    // Killed by the harness after 3 s: the server kept the stream open.
    expect(follow.code).toBe(-1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
  });
});
