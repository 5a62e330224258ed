import { beforeAll, describe, expect, it } from "vitest";
import { labTerminal } from "../testing";

describe("kubectl events", () => {
  let run: ReturnType<typeof labTerminal>["run"];
  beforeAll(() => {
    run = labTerminal("events").run;
  });

  it("lists a namespace's events with the event columns", async () => {
    const r = await run("kubectl events -n kube-system");
    expect(r.stdout.split("\n")[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(r.stdout).toMatch(/Normal\s+Scheduled\s+pod\/coredns-/);
  });

  it("says so when a namespace has none", async () => {
    expect((await run("kubectl events -n nothing-here")).stderr).toBe(
      "No events found in nothing-here namespace.\n",
    );
  });

  it("--for narrows to one object", async () => {
    const pod = (
      await run("kubectl get pods -n kube-system -l k8s-app=kube-dns -o name | head -1")
    ).stdout.trim();
    const r = await run(`kubectl events -n kube-system --for ${pod}`);
    const rows = r.stdout.trimEnd().split("\n").slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain(pod);
  });
});
