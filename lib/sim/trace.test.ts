import { describe, expect, it } from "vitest";
import { annotateTrace, TraceRecorder } from "./trace";

// Traces are persisted and drawn from their JSON, so the recorded text is what must hold.
describe("trace entries", () => {
  it("stamps time and ok first, keeps the note's own field order and drops undefined fields", () => {
    const trace = new TraceRecorder(() => 1000);
    trace.record({ from: "client", to: "kube-apiserver", action: "POST /api/v1/pods" });
    trace.record({
      from: "kube-apiserver",
      to: "authz",
      action: "authorize",
      detail: "RBAC: denied",
      ok: false,
    });
    trace.record({
      from: "kube-apiserver",
      to: "etcd",
      action: "txn",
      detail: undefined,
      revision: 7,
    });
    expect(trace.entries.map((e) => JSON.stringify(e))).toEqual([
      '{"at":1000,"ok":true,"from":"client","to":"kube-apiserver","action":"POST /api/v1/pods"}',
      '{"at":1000,"ok":false,"from":"kube-apiserver","to":"authz","action":"authorize","detail":"RBAC: denied"}',
      '{"at":1000,"ok":true,"from":"kube-apiserver","to":"etcd","action":"txn","revision":7}',
    ]);
    expect(Object.keys(trace.entries[2]!)).not.toContain("detail");
  });

  it("stores every entry in the same field order, whatever order the note was written in", () => {
    const trace = new TraceRecorder(() => 1);
    trace.record({
      revision: 3,
      ok: false,
      detail: "d",
      action: "txn",
      to: "etcd",
      from: "kube-apiserver",
    });
    expect(JSON.stringify(trace.entries[0])).toBe(
      '{"at":1,"ok":false,"from":"kube-apiserver","to":"etcd","action":"txn","detail":"d","revision":3}',
    );
  });

  it("a loop's notes rename the client and add its steps before and after, stamped", () => {
    const trace = new TraceRecorder(() => 5);
    trace.record({ from: "client", to: "kube-apiserver", action: "PUT" });
    trace.record({ from: "kube-apiserver", to: "client", action: "respond" });
    const before = { from: "etcd" as const, to: "kubelet" as const, action: "watch-event" };
    annotateTrace(trace.entries, 9, {
      component: "kubelet",
      before: [before],
      after: [{ from: "kubelet", to: "container-runtime", action: "StartContainer", ok: false }],
    });
    expect(trace.entries).toEqual([
      { at: 9, ok: true, from: "etcd", to: "kubelet", action: "watch-event" },
      { at: 5, ok: true, from: "kubelet", to: "kube-apiserver", action: "PUT" },
      { at: 5, ok: true, from: "kube-apiserver", to: "kubelet", action: "respond" },
      { at: 9, ok: false, from: "kubelet", to: "container-runtime", action: "StartContainer" },
    ]);
    // the note itself is not changed or shared
    expect(before).toEqual({ from: "etcd", to: "kubelet", action: "watch-event" });
    expect(trace.entries[0]).not.toBe(before);
  });

  it("equal steps at the same time are one shared, frozen entry; others are their own", () => {
    const a = new TraceRecorder(() => 7);
    const b = new TraceRecorder(() => 7);
    const later = new TraceRecorder(() => 8);
    for (const t of [a, b, later]) {
      t.recordStep("kube-apiserver", "authn", "authenticate", "system:node:worker1");
      t.recordStep("kube-apiserver", "authz", "authorize", "RBAC: denied", false);
    }
    b.recordStep("kube-apiserver", "authz", "authorize", "RBAC: denied", true);
    expect(a.entries[0]).toBe(b.entries[0]);
    expect(a.entries[1]).toBe(b.entries[1]);
    expect(later.entries[0]).not.toBe(a.entries[0]);
    expect(b.entries[2]).not.toBe(b.entries[1]);
    expect(Object.isFrozen(a.entries[0])).toBe(true);
    expect(a.entries.map((e) => JSON.stringify(e))).toEqual([
      '{"at":7,"ok":true,"from":"kube-apiserver","to":"authn","action":"authenticate","detail":"system:node:worker1"}',
      '{"at":7,"ok":false,"from":"kube-apiserver","to":"authz","action":"authorize","detail":"RBAC: denied"}',
    ]);
    expect(JSON.stringify(later.entries[0])).toBe(
      '{"at":8,"ok":true,"from":"kube-apiserver","to":"authn","action":"authenticate","detail":"system:node:worker1"}',
    );
    expect(JSON.stringify(b.entries[2])).toContain('"ok":true');
  });

  it("a loop's component replaces a shared step naming the client, not the step itself", () => {
    const mine = new TraceRecorder(() => 3);
    const other = new TraceRecorder(() => 3);
    for (const t of [mine, other]) {
      t.record({ from: "client", to: "kube-apiserver", action: "PUT" });
      t.recordStep("kube-apiserver", "client", "respond", "200");
    }
    const shared = other.entries[1]!;
    annotateTrace(mine.entries, 3, { component: "kubelet" });
    expect(mine.entries.map((e) => JSON.stringify(e))).toEqual([
      '{"at":3,"ok":true,"from":"kubelet","to":"kube-apiserver","action":"PUT"}',
      '{"at":3,"ok":true,"from":"kube-apiserver","to":"kubelet","action":"respond","detail":"200"}',
    ]);
    // The other request's trace still answers its client.
    expect(other.entries[1]).toBe(shared);
    expect(JSON.stringify(shared)).toBe(
      '{"at":3,"ok":true,"from":"kube-apiserver","to":"client","action":"respond","detail":"200"}',
    );
  });
});
