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
    expect(r.stdout).toMatch(/Normal\s+Scheduled\s+Pod\/coredns-/);
    expect(r.stdout).toMatch(/Normal\s+ScalingReplicaSet\s+Deployment\/coredns\s/);
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
    for (const row of rows) expect(row).toContain(pod.replace(/^pod\//, "Pod/"));
  });

  it("-A puts NAMESPACE first and rows run from the oldest to the newest", async () => {
    await run("kubectl create deployment late --image=nginx");
    const r = await run("kubectl events -A");
    const rows = r.stdout.trimEnd().split("\n");
    expect(rows[0]).toMatch(/^NAMESPACE\s+LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    const json = JSON.parse((await run("kubectl events -A -o json")).stdout);
    expect(json.kind).toBe("EventList");
    const times = json.items.map((e: { lastTimestamp: string }) => Date.parse(e.lastTimestamp));
    expect(times).toEqual([...times].sort((a: number, b: number) => a - b));
    expect(json.items.at(-1).involvedObject.name).toMatch(/^late/);
  });

  it("rejects types other than Normal and Warning", async () => {
    expect((await run("kubectl events --types=Info")).stderr).toBe(
      "error: valid --types are Normal or Warning\n",
    );
  });
});
