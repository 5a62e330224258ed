import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import type { KvRow, StoreState } from "../../store/types";
import { cachedList } from "./list-cache";

const row = (revision: number, key: string): KvRow => ({
  revision,
  key,
  created: true,
  deleted: false,
  createRevision: revision,
  prevRevision: 0,
  lease: 0,
  value: "{}",
  version: 1,
});

// Only the revision log is read by the cache.
const storeOf = (rows: KvRow[], length = rows.length) =>
  ({ log: { rows, length } }) as unknown as StoreState;

const PREFIX = "/registry/limitranges/test-list-cache/";

describe("lists kept while nothing under their prefix is written", () => {
  it("reads again only when a row under the prefix was appended since", () => {
    const rows = [row(1, `${PREFIX}a`)];
    let reads = 0;
    const read = () => {
      reads++;
      return [
        { apiVersion: "v1", kind: "LimitRange", metadata: { name: `r${reads}` } },
      ] as KubeObject[];
    };
    const first = cachedList(storeOf(rows), PREFIX, read);
    expect(reads).toBe(1);
    // Rows under other prefixes (a longer neighbour prefix included) are no news.
    rows.push(
      row(2, "/registry/pods/default/p"),
      row(3, "/registry/limitranges/test-list-cache-2/x"),
    );
    expect(cachedList(storeOf(rows), PREFIX, read)).toBe(first);
    expect(reads).toBe(1);
    expect(Object.isFrozen(first)).toBe(true);
    rows.push(row(4, `${PREFIX}b`));
    const second = cachedList(storeOf(rows), PREFIX, read);
    expect(reads).toBe(2);
    expect(second).not.toBe(first);
    expect(second[0]!.metadata.name).toBe("r2");
  });

  it("reads again for another log, or an older state of the same one", () => {
    const rows = [row(1, `${PREFIX}a`), row(2, "/registry/pods/default/p")];
    let reads = 0;
    const read = () => {
      reads++;
      return [] as KubeObject[];
    };
    cachedList(storeOf(rows), PREFIX, read);
    cachedList(storeOf([...rows]), PREFIX, read);
    expect(reads).toBe(2);
    cachedList(storeOf(rows, 1), PREFIX, read);
    expect(reads).toBe(3);
    cachedList(storeOf(rows, 1), PREFIX, read);
    expect(reads).toBe(3);
  });
});
