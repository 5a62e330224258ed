import { describe, expect, it } from "vitest";
import { DEFAULT_SESSION } from "@/lib/sim/cli";
import { labTerminal } from "@/lib/sim/cli/testing";
import { openSource } from "./open-source";
import { applyFilters, joinWords, splitPipeline } from "./pipeline";
import { appendedLines } from "./text-follow";

function streaming(seed: string) {
  const lab = labTerminal(seed);
  const ctx = { sandboxId: "unit", env: lab.env, session: DEFAULT_SESSION };
  return { lab, open: (line: string) => openSource(splitPipeline(line).head, ctx) };
}

describe("streaming sources over an in-memory sandbox", { timeout: 30_000 }, () => {
  it("kubectl get -w: the table, then a header-less row per watch event", async () => {
    const { lab, open } = streaming("stream-get");
    const src = await open("kubectl get cm -w");
    expect((await src.next()).stdout).toMatch(/^NAME\s+DATA\s+AGE\nkube-root-ca\.crt\s+1\s+\S+\n$/);
    expect(await src.next()).toEqual({ stdout: "", stderr: "" });
    await lab.run("kubectl create configmap one --from-literal=a=b");
    await lab.run("kubectl label configmap one x=y");
    await lab.run("kubectl delete configmap one");
    // ADDED, MODIFIED, DELETED: three rows, each aligned on its own, as kubectl -w prints them.
    expect((await src.next()).stdout).toBe("one   1     0s\none   1     0s\none   1     0s\n");
    expect((await src.next()).stdout).toBe("");
  });

  it("kubectl get -w -o wide with -A and a named object", async () => {
    const { lab, open } = streaming("stream-get-wide");
    const src = await open("kubectl get pods -A -w -o wide --watch-only");
    expect(await src.next()).toEqual({ stdout: "", stderr: "" });
    await lab.run("kubectl run solo --image=nginx");
    const rows = (await src.next()).stdout.split("\n").filter(Boolean);
    expect(rows[0]).toMatch(
      /^default\s+solo\s+0\/1\s+Pending\s+0\s+0s\s+<none>\s+<none>\s+<none>\s+<none>$/,
    );
    const named = await open("kubectl get pod solo -w -o name");
    expect((await named.next()).stdout).toBe("pod/solo\n");
    lab.env.advance(20_000);
    expect((await named.next()).stdout).toMatch(/^(pod\/solo\n)+$/);
  });

  it("errors end the stream with kubectl's text", async () => {
    const { open } = streaming("stream-errors");
    const bad = await (await open("kubectl get pods,svc -w")).next();
    expect(bad).toEqual({
      stdout: "",
      stderr: "error: you may only specify a single resource type\n",
      exit: 1,
    });
  });

  it("etcdctl watch prints each revision once; journalctl -f prints only appended lines", async () => {
    const { lab, open } = streaming("stream-etcd");
    const w = await open("etcdctl watch /demo --prev-kv");
    expect((await w.next()).stdout).toBe("");
    await lab.run("etcdctl put /demo 1");
    await lab.run("etcdctl put /demo 2");
    expect((await w.next()).stdout).toBe("PUT\n/demo\n1\nPUT\n/demo\n1\n/demo\n2\n");
    expect((await w.next()).stdout).toBe("");
    const inPod = await open(
      "kubectl exec -n kube-system etcd-master1 -- etcdctl --endpoints=https://127.0.0.1:2379 watch /demo",
    );
    expect((await inPod.next()).stdout).toBe("");
    await lab.run("etcdctl put /demo 3");
    expect((await inPod.next()).stdout).toBe("PUT\n/demo\n3\n");

    // journalctl shows a window of the newest entries: only the lines past the overlap print.
    const j = await open("journalctl -u kubelet -f");
    const first = (await j.next()).stdout;
    expect(first).toMatch(/^-- Logs begin at /);
    lab.env.advance(30_000);
    const more = (await j.next()).stdout;
    expect(more).not.toBe("");
    expect(more).not.toMatch(/^-- Logs begin/);
    expect(first.includes(more.split("\n")[0]!)).toBe(false);
  });

  it("appendedLines: growth, a sliding window, no overlap", () => {
    expect(appendedLines("a\nb\n", "a\nb\nc\n")).toBe("c\n");
    expect(appendedLines("-- banner --\na\nb\nc\n", "-- banner --\nb\nc\nd\ne\n")).toBe("d\ne\n");
    expect(appendedLines("a\nb\n", "x\ny\n")).toBe("x\ny\n");
    expect(appendedLines("a\nb\n", "a\nb\n")).toBe("");
  });

  it("pipes: the streaming stage is split off and later stages filter each chunk", async () => {
    const { lab } = streaming("stream-pipe");
    expect(splitPipeline('tail -f /var/log/audit.log | grep "Pod" | head -n 2')).toEqual({
      head: ["tail", "-f", "/var/log/audit.log"],
      filters: [
        ["grep", "Pod"],
        ["head", "-n", "2"],
      ],
    });
    expect(joinWords(["kubectl", "get", "pods", "-l", "app in (a,b)"])).toBe(
      "kubectl get pods -l 'app in (a,b)'",
    );
    expect(
      await applyFilters("a Pod\nb\nc Pod\n", [["grep", "Pod"]], lab.env, DEFAULT_SESSION),
    ).toEqual({
      stdout: "a Pod\nc Pod\n",
      stderr: "",
    });
  });
});
