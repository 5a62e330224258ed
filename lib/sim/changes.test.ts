import { describe, expect, it } from "vitest";
import { mergeAllChanges, mergeChanges, noChanges } from "./changes";
import { emptyStore } from "./store/store";
import type { KvRow } from "./store/types";
import type { StoreChanges } from "./store/writer";

const store = emptyStore();
const row = (revision: number): KvRow => ({
  revision,
  key: `/registry/k${revision}`,
  created: true,
  deleted: false,
  createRevision: revision,
  prevRevision: 0,
  lease: 0,
  value: "{}",
  version: 1,
});
const piece = (appended: number[], removed: number[] = [], extra = {}): StoreChanges => ({
  state: { ...store, revision: Math.max(1, ...appended) },
  appended: appended.map(row),
  removed,
  leasesChanged: false,
  ...extra,
});

describe("mergeAllChanges", () => {
  it("gives what merging the pieces pairwise gives", () => {
    const base = noChanges(store);
    const cases: StoreChanges[][] = [
      [piece([2]), piece([3]), piece([4])],
      // a row appended then compacted away is neither inserted nor deleted
      [piece([2, 3]), piece([4], [1, 2]), piece([5], [3])],
      [piece([2]), piece([3], [], { leasesChanged: true })],
      // a snapshot restore drops everything before it
      [piece([2]), piece([7], [], { replaceAll: true }), piece([8], [7])],
      [piece([7], [], { replaceAll: true })],
      [],
    ];
    for (const pieces of cases) {
      const pairwise = pieces.reduce(mergeChanges, base);
      expect(mergeAllChanges(base, pieces)).toEqual(pairwise);
    }
  });
});
