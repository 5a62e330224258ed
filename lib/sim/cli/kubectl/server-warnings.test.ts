import { beforeAll, describe, expect, it } from "vitest";
import { labTerminal } from "../testing";

describe("kubectl prints the API server's warnings", () => {
  let run: ReturnType<typeof labTerminal>["run"];
  beforeAll(() => {
    run = labTerminal("warnings").run;
  });

  it("get cs: the 1.28 table with the ComponentStatus deprecation warning on stderr, once", async () => {
    const r = await run("kubectl get cs");
    expect(r.stderr).toBe("Warning: v1 ComponentStatus is deprecated in v1.19+\n");
    expect(r.stdout.split("\n")[0]).toMatch(/^NAME\s+STATUS\s+MESSAGE\s+ERROR$/);
    expect(r.stdout).toMatch(/\netcd-0\s+Healthy\s+ok/);
  });

  it("keeps the warning before an error of the same command", async () => {
    const r = await run("kubectl get cs etcd-0 nope");
    expect(r.exitCode).toBe(1);
    expect(r.stderr.startsWith("Warning: v1 ComponentStatus is deprecated in v1.19+\n")).toBe(true);
    expect(r.stderr).toContain("Error from server: Component not found: nope");
  });

  it("commands without warnings print none", async () => {
    expect((await run("kubectl get ns default -o name")).stderr).toBe("");
  });
});
