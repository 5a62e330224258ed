import { describe, expect, it } from "vitest";
import { createSandbox } from "../engine";
import { mergeChanges } from "../changes";
import { get, range } from "../store/store";
import {
  dbSize,
  etcdRead,
  etcdWrite,
  memberAction,
  snapshotRestore,
  snapshotSave,
} from "./control";

const T0 = Date.UTC(2026, 4, 1);
const members = [1, 2, 3].map((i) => ({ name: `cp-${i}`, address: `10.0.0.${i}` }));

function sandbox() {
  return createSandbox({ seed: "etcdctl", now: T0, etcdMembers: members }).state;
}

describe("etcd control (etcdctl and lab actions)", () => {
  it("writes through a quorum and advances the Raft index", () => {
    const s = sandbox();
    const r = etcdWrite(s, T0, (w) => w.put("/demo/key", "v1"));
    expect(r.result.revision).toBe(s.store.revision + 1);
    expect(r.state.etcd.raftIndex).toBe(s.etcd.raftIndex + 1);
    expect(get(r.state.store, "/demo/key")?.value).toBe("v1");
    expect(r.changes.appended).toHaveLength(1);
  });

  it("fails writes and linearizable reads without quorum; serializable reads still answer", () => {
    let s = etcdWrite(sandbox(), T0, (w) => w.put("/demo/key", "v1")).state;
    s = memberAction(memberAction(s, "stop", "cp-2"), "stop", "cp-3");
    expect(() => etcdWrite(s, T0, (w) => w.put("/demo/key", "v2"))).toThrow(
      "etcdserver: request timed out",
    );
    expect(() => etcdRead(s, (st) => get(st, "/demo/key"))).toThrow(
      "etcdserver: request timed out",
    );
    expect(etcdRead(s, (st) => get(st, "/demo/key"), "s")?.value).toBe("v1");
    s = memberAction(s, "start", "cp-2");
    expect(etcdRead(s, (st) => get(st, "/demo/key"))?.value).toBe("v1");
  });

  it("restores a snapshot, replacing every row", () => {
    const s1 = etcdWrite(sandbox(), T0, (w) => w.put("/demo/a", "1")).state;
    const snap = snapshotSave(s1);
    const s2 = etcdWrite(s1, T0, (w) => {
      w.delete("/demo/a");
      w.put("/demo/b", "2");
    });
    const restored = snapshotRestore(s2.state, snap, T0 + 1000);
    expect(get(restored.state.store, "/demo/a")?.value).toBe("1");
    expect(get(restored.state.store, "/demo/b")).toBeUndefined();
    expect(restored.changes.replaceAll).toBe(true);
    // a later write merges onto the replacement, which stays a replacement
    const after = etcdWrite(restored.state, T0, (w) => w.put("/demo/c", "3"));
    const merged = mergeChanges(restored.changes, after.changes);
    expect(merged.replaceAll).toBe(true);
    expect(merged.appended.map((r) => r.key)).toContain("/demo/c");
    expect(range(after.state.store, { key: "/demo/", rangeEnd: "/demo0" }).count).toBe(2);
  });

  it("stops etcdctl writes beyond the sandbox's key limit with etcd's quota error", () => {
    const s = { ...sandbox(), limits: { maxObjects: 2, historyRevisions: 100 } };
    const two = etcdWrite(s, T0, (w) => {
      w.put("/a", "1");
      w.put("/b", "2");
    }).state;
    expect(() => etcdWrite(two, T0, (w) => w.put("/c", "3"))).toThrow(
      "etcdserver: mvcc: database space exceeded",
    );
    // overwriting and deleting still work at the limit
    expect(etcdWrite(two, T0, (w) => w.put("/a", "x")).result.revision).toBeGreaterThan(0);
  });

  it("reports a backend size of at least one bbolt allocation", () => {
    expect(dbSize(sandbox())).toBeGreaterThanOrEqual(20480);
  });
});
