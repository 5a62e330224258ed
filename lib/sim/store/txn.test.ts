import { describe, expect, it } from "vitest";
import { emptyStore, get } from "./store";
import { StoreWriter } from "./writer";

describe("store txn", () => {
  it("creates only when the key is absent (the apiserver's create txn)", () => {
    const w = new StoreWriter(emptyStore(), 0);
    const create = () =>
      w.txn(
        [{ key: "k", target: "mod", result: "=", value: 0 }],
        [{ op: "put", key: "k", value: "v" }],
        [{ op: "range", range: { key: "k" } }],
      );
    const first = create();
    expect(first.succeeded).toBe(true);
    const second = create();
    expect(second.succeeded).toBe(false);
    expect(second.responses[0]).toMatchObject({ op: "range", result: { count: 1 } });
    expect(w.commit().state.revision).toBe(2);
  });

  it("updates only at the expected mod revision (optimistic concurrency)", () => {
    const w = new StoreWriter(emptyStore(), 0);
    w.put("k", "1"); // rev 2
    const stale = w.txn(
      [{ key: "k", target: "mod", result: "=", value: 1 }],
      [{ op: "put", key: "k", value: "x" }],
    );
    expect(stale.succeeded).toBe(false);
    const fresh = w.txn(
      [{ key: "k", target: "mod", result: "=", value: 2 }],
      [{ op: "put", key: "k", value: "2" }],
    );
    expect(fresh).toMatchObject({ succeeded: true, revision: 3 });
    expect(get(w.commit().state, "k")?.value).toBe("2");
  });

  it("putIfModRevision writes the same rows as the create/update txn it stands for", () => {
    const viaTxn = new StoreWriter(emptyStore(), 0);
    const direct = new StoreWriter(emptyStore(), 0);
    const lease = direct.grantLease(60).id;
    viaTxn.grantLease(60);
    for (const [mod, value, l] of [
      [0, "a", 0],
      [0, "again", 0], // already exists: refused
      [2, "b", lease],
      [2, "stale", 0], // the key moved on: refused
      [3, "c", 0],
    ] as const) {
      const t = viaTxn.txn(
        [{ key: "k", target: "mod", result: "=", value: mod }],
        [{ op: "put", key: "k", value, lease: l }],
      );
      const row = direct.putIfModRevision("k", mod, value, l);
      expect(row !== undefined).toBe(t.succeeded);
      if (row) expect(row.revision).toBe(t.revision);
    }
    expect(direct.commit().appended).toEqual(viaTxn.commit().appended);
    expect(() => direct.putIfModRevision("", 0, "x")).toThrow("key is not provided");
    expect(() => direct.putIfModRevision("m", 0, "x", 999)).toThrow();
  });

  it("compares version, create revision and value", () => {
    const w = new StoreWriter(emptyStore(), 0);
    w.put("k", "abc");
    w.put("k", "abd");
    expect(w.txn([{ key: "k", target: "version", result: "=", value: 2 }], []).succeeded).toBe(
      true,
    );
    expect(w.txn([{ key: "k", target: "create", result: "<", value: 3 }], []).succeeded).toBe(true);
    expect(w.txn([{ key: "k", target: "value", result: ">", value: "abc" }], []).succeeded).toBe(
      true,
    );
    expect(
      w.txn([{ key: "missing", target: "value", result: "!=", value: "x" }], []).succeeded,
    ).toBe(false);
  });

  it("deletes a range and reports the previous values", () => {
    const w = new StoreWriter(emptyStore(), 0);
    w.put("/a/1", "1");
    w.put("/a/2", "2");
    w.put("/b/1", "3");
    const res = w.txn([], [{ op: "delete", key: "/a/", rangeEnd: "/a0" }]);
    expect(res.responses[0]).toMatchObject({ op: "delete", deleted: 2 });
    const { state, appended } = w.commit();
    expect(appended.filter((r) => r.deleted).map((r) => [r.key, r.value])).toEqual([
      ["/a/1", "1"],
      ["/a/2", "2"],
    ]);
    expect(get(state, "/b/1")?.value).toBe("3");
    expect(get(state, "/a/1")).toBeUndefined();
  });

  it("deletes one key by a point lookup: a key that is only a prefix of others deletes nothing else", () => {
    const w = new StoreWriter(emptyStore(), 0);
    w.put("/a/1", "1");
    w.put("/a/10", "10");
    expect(w.delete("/a/1")).toMatchObject({ deleted: 1, prevKvs: [{ key: "/a/1", value: "1" }] });
    expect(w.delete("/a/1")).toEqual({ deleted: 0, prevKvs: [] });
    expect(w.delete("/a/", "\0")).toMatchObject({ deleted: 1, prevKvs: [{ key: "/a/10" }] });
    expect(w.delete("/b", "/a")).toEqual({ deleted: 0, prevKvs: [] });
    expect(w.commit().appended.map((r) => [r.key, r.deleted])).toEqual([
      ["/a/1", false],
      ["/a/10", false],
      ["/a/1", true],
      ["/a/10", true],
    ]);
  });
});
