import { describe, expect, it } from "vitest";
import { emptyStore, prefixEnd } from "./store";
import { watchEvents } from "./watch";
import { StoreWriter } from "./writer";

function seeded() {
  const w = new StoreWriter(emptyStore(), 0);
  w.put("/registry/pods/default/a", "a1"); // 2
  w.put("/registry/configmaps/default/c", "c1"); // 3
  w.put("/registry/pods/default/a", "a2"); // 4
  w.delete("/registry/pods/default/a"); // 5
  return w.commit().state;
}

describe("store watch", () => {
  it("replays the rows from a start revision for a prefix, with previous values", () => {
    const s = seeded();
    const events = watchEvents(s, {
      key: "/registry/pods/",
      rangeEnd: prefixEnd("/registry/pods/"),
      startRevision: 3,
    });
    expect(events.map((e) => [e.type, e.kv.modRevision, e.kv.value, e.prevKv?.value])).toEqual([
      ["PUT", 4, "a2", "a1"],
      ["DELETE", 5, "", "a2"],
    ]);
  });

  it("watches a single key from the beginning", () => {
    const events = watchEvents(seeded(), {
      key: "/registry/configmaps/default/c",
      startRevision: 1,
    });
    expect(events.map((e) => e.kv.value)).toEqual(["c1"]);
  });

  it("fails with etcd's compacted error once the start revision is compacted", () => {
    const w = new StoreWriter(seeded(), 0);
    w.compact(4);
    const s = w.commit().state;
    expect(() => watchEvents(s, { key: "", rangeEnd: "\0", startRevision: 3 })).toThrow(
      "mvcc: required revision has been compacted",
    );
    expect(
      watchEvents(s, { key: "", rangeEnd: "\0", startRevision: 4 }).map((e) => e.kv.modRevision),
    ).toEqual([4, 5]);
  });
});
