import { describe, expect, it } from "vitest";
import { emptyStore, get, range } from "./store";
import { logRows } from "./types";
import { StoreWriter } from "./writer";

describe("store compaction", () => {
  it("keeps the newest row per key at or below the compact revision and drops superseded rows and tombstones", () => {
    const w = new StoreWriter(emptyStore(), 0);
    w.put("a", "1"); // 2
    w.put("a", "2"); // 3
    w.put("b", "1"); // 4
    w.delete("b"); // 5
    w.put("c", "1"); // 6
    w.put("a", "3"); // 7
    const s = w.commit().state;
    const w2 = new StoreWriter(s, 0);
    w2.compact(6);
    const { state, removed, appended } = w2.commit();
    expect(removed).toEqual([2, 4, 5]);
    expect(appended).toEqual([]);
    expect(logRows(state.log).map((r) => r.revision)).toEqual([3, 6, 7]);
    expect(state.compactRevision).toBe(6);
    expect(get(state, "a", 6)?.value).toBe("2");
    expect(get(state, "a")?.value).toBe("3");
    expect(() => range(state, { key: "a", revision: 5 })).toThrow(
      "mvcc: required revision has been compacted",
    );
    // the uncompacted state is still intact
    expect(get(s, "a", 2)?.value).toBe("1");
  });

  it("refuses to compact backwards or into the future", () => {
    const w = new StoreWriter(emptyStore(), 0);
    w.put("a", "1");
    w.compact(2);
    expect(() => w.compact(2)).toThrow("mvcc: required revision has been compacted");
    expect(() => w.compact(10)).toThrow("mvcc: required revision is a future revision");
  });

  it("does not persist rows appended and compacted in the same writer", () => {
    const w = new StoreWriter(emptyStore(), 0);
    w.put("a", "1"); // 2
    w.put("a", "2"); // 3
    w.compact(3);
    const { appended, removed } = w.commit();
    expect(appended.map((r) => r.revision)).toEqual([3]);
    expect(removed).toEqual([]);
  });
});
