import { describe, expect, it } from "vitest";
import { emptyStore, get, range, prefixEnd } from "./store";
import { StoreWriter } from "./writer";

describe("store revisions (etcd semantics)", () => {
  it("counts revisions per write and tracks create/mod revision and version per key", () => {
    const w = new StoreWriter(emptyStore(), 0);
    expect(w.put("/registry/pods/default/a", "v1").revision).toBe(2);
    expect(w.put("/registry/pods/default/b", "x").revision).toBe(3);
    const upd = w.put("/registry/pods/default/a", "v2");
    expect(upd.revision).toBe(4);
    expect(upd.prevKv).toMatchObject({ value: "v1", modRevision: 2, version: 1 });
    const { state, appended } = w.commit();
    expect(state.revision).toBe(4);
    expect(appended.map((r) => [r.revision, r.key, r.created, r.prevRevision])).toEqual([
      [2, "/registry/pods/default/a", true, 0],
      [3, "/registry/pods/default/b", true, 0],
      [4, "/registry/pods/default/a", false, 2],
    ]);
    expect(get(state, "/registry/pods/default/a")).toEqual({
      key: "/registry/pods/default/a",
      value: "v2",
      createRevision: 2,
      modRevision: 4,
      version: 2,
      lease: 0,
    });
  });

  it("leaves the previous state untouched (states are values)", () => {
    const w1 = new StoreWriter(emptyStore(), 0);
    w1.put("k", "1");
    const s1 = w1.commit().state;
    const w2 = new StoreWriter(s1, 0);
    w2.put("k", "2");
    w2.put("j", "3");
    const s2 = w2.commit().state;
    // A second branch from s1 must not see s2's rows even though the log array is shared.
    const w3 = new StoreWriter(s1, 0);
    w3.delete("k");
    const s3 = w3.commit().state;
    expect(get(s1, "k")?.value).toBe("1");
    expect(get(s1, "j")).toBeUndefined();
    expect(get(s2, "k")?.value).toBe("2");
    expect(get(s3, "k")).toBeUndefined();
    expect(s3.revision).toBe(3);
    expect(range(s1, { key: "", rangeEnd: "\0" }).count).toBe(1);
  });

  it("ranges a prefix in key order with limit/more and count-only", () => {
    const w = new StoreWriter(emptyStore(), 0);
    for (const n of ["c", "a", "b"]) w.put(`/registry/pods/default/${n}`, n);
    w.put("/registry/services/specs/default/kubernetes", "svc");
    const s = w.commit().state;
    const prefix = "/registry/pods/";
    const all = range(s, { key: prefix, rangeEnd: prefixEnd(prefix) });
    expect(all.kvs.map((kv) => kv.value)).toEqual(["a", "b", "c"]);
    const page = range(s, { key: prefix, rangeEnd: prefixEnd(prefix), limit: 2 });
    expect(page).toMatchObject({ count: 3, more: true });
    expect(page.kvs).toHaveLength(2);
    expect(range(s, { key: prefix, rangeEnd: prefixEnd(prefix), countOnly: true })).toMatchObject({
      count: 3,
      kvs: [],
    });
    expect(
      range(s, { key: "", rangeEnd: "\0", keysOnly: true }).kvs.every((kv) => kv.value === ""),
    ).toBe(true);
  });

  it("reads at a historical revision and rejects future revisions", () => {
    const w = new StoreWriter(emptyStore(), 0);
    w.put("k", "1"); // rev 2
    w.put("k", "2"); // rev 3
    w.delete("k"); // rev 4
    const s = w.commit().state;
    expect(get(s, "k", 2)?.value).toBe("1");
    expect(get(s, "k", 3)?.value).toBe("2");
    expect(get(s, "k", 4)).toBeUndefined();
    expect(() => get(s, "k", 9)).toThrow("mvcc: required revision is a future revision");
  });

  it("rejects a value over etcd's 1.5 MiB request limit", () => {
    const w = new StoreWriter(emptyStore(), 0);
    expect(() => w.put("big", "x".repeat(1.5 * 1024 * 1024 + 1))).toThrow(
      "etcdserver: request is too large",
    );
    // multi-byte text counts in UTF-8 bytes, as etcd sees it
    expect(() => w.put("big", "가".repeat(600_000))).toThrow("etcdserver: request is too large");
    expect(w.put("ok", "가".repeat(400_000)).revision).toBe(2);
  });
});
