import { describe, expect, it } from "vitest";
import { ADMIN_USER, advanceTime, fixedClock, handle, type RequestTrace } from "@/lib/sim";
import { labTerminal } from "@/lib/sim/cli/testing";
import { clusterEngineOptions } from "@/lib/sim/cluster/loops";
import { groupCommands } from "./group-traces";
import { messageText, sequenceDiagram, traceSteps } from "./sequence-diagram";

/** A pod created as kubernetes-admin, then 30 virtual seconds: the whole journey's traces. */
async function podJourney(): Promise<RequestTrace[]> {
  const { env } = labTerminal("trace-journey");
  const s0 = await env.state();
  const opts = clusterEngineOptions();
  const created = handle(
    s0,
    {
      method: "POST",
      path: "/api/v1/namespaces/default/pods",
      user: ADMIN_USER,
      body: {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "web" },
        spec: { containers: [{ name: "c", image: "nginx" }] },
      },
    },
    fixedClock(s0.time),
    opts,
  );
  const later = advanceTime(created.state, created.state.time + 30_000, opts);
  return [...created.traces, ...later.traces];
}

describe("command traces", () => {
  it("groups a client request with the control plane's reactions, without lease noise", async () => {
    const traces = await podJourney();
    const [group, ...rest] = groupCommands(traces);
    expect(rest).toEqual([]);
    expect(group!.label).toBe("create /api/v1/namespaces/default/pods");
    const uris = group!.traces.map((t) => t.requestURI);
    expect(uris).toContain("/api/v1/namespaces/default/pods/web/binding");
    expect(uris).toContain("/api/v1/namespaces/default/pods/web/status");
    expect(uris.some((u) => u.includes("/leases/"))).toBe(false);
    expect(uris.some((u) => u.includes("/events"))).toBe(false);
  });

  it("starts a new command at the next client request and keeps the newest ones", () => {
    const t = (uri: string, from: "client" | "scheduler"): RequestTrace => ({
      auditID: uri,
      verb: "get",
      requestURI: uri,
      code: 200,
      entries: [{ at: 1, from, to: "kube-apiserver", action: "GET", ok: true }],
    });
    const groups = groupCommands(
      [
        t("/x0", "scheduler"),
        t("/a", "client"),
        t("/a2", "client"),
        t("/r", "scheduler"),
        t("/b", "client"),
      ],
      1,
    );
    expect(groups.map((g) => g.traces.map((x) => x.requestURI))).toEqual([["/b"]]);
    expect(
      groupCommands([
        t("/a", "client"),
        t("/a2", "client"),
        t("/r", "scheduler"),
        t("/b", "client"),
      ]).map((g) => g.traces.map((x) => x.requestURI)),
    ).toEqual([["/a", "/a2", "/r"], ["/b"]]);
  });

  it("draws the lesson's journey: kubectl → API server → etcd → scheduler → kubelet → runtime", async () => {
    const [group] = groupCommands(await podJourney());
    const diagram = sequenceDiagram(group!.traces);
    const lines = diagram.split("\n");
    expect(lines.slice(0, 2)).toEqual(["sequenceDiagram", "  autonumber"]);
    expect(lines.filter((l) => l.includes("participant"))).toEqual([
      "  participant U as kubectl",
      "  participant A as API 서버",
      "  participant E as etcd",
      "  participant S as 스케줄러",
      "  participant K as kubelet",
      "  participant R as 컨테이너 런타임",
    ]);
    expect(diagram).toContain("  U->>A: POST /api/v1/namespaces/default/pods");
    expect(diagram).toContain("  A->>A: 인증: kubernetes-admin");
    expect(diagram).toMatch(/ {2}A->>E: txn: create \/registry\/pods\/default\/web \(rev \d+\)/);
    expect(diagram).toContain("  A-->>S: watch ADDED pods default/web");
    expect(diagram).toMatch(/ {2}K->>R: RunPodSandbox default\/web/);
    expect(diagram).toContain("  A-->>U: 응답 201");
    // The text alternative lists the same steps in the same order.
    expect(traceSteps(group!.traces)).toHaveLength(lines.length - 2 - 6);
  });

  it("marks failed steps with a cross and keeps messages one safe line", () => {
    const denied: RequestTrace = {
      auditID: "x",
      verb: "create",
      requestURI: "/api/v1/namespaces/default/pods",
      code: 403,
      entries: [
        { at: 1, from: "client", to: "kube-apiserver", action: "POST", ok: true },
        {
          at: 1,
          from: "kube-apiserver",
          to: "authz",
          action: "authorize",
          detail: "RBAC: denied",
          ok: false,
        },
        {
          at: 1,
          from: "kube-apiserver",
          to: "client",
          action: "respond",
          detail: "403",
          ok: false,
        },
      ],
    };
    const d = sequenceDiagram([denied]);
    expect(d).toContain("  A-xA: 인가: RBAC: denied");
    expect(d).toContain("  A--xU: 응답 403");
    expect(messageText("a;b#c<d>\ne")).toBe("a,b＃c‹d› e");
    expect(messageText("x".repeat(100))).toHaveLength(90);
  });
});
