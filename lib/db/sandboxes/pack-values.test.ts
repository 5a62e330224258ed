import { describe, expect, it } from "vitest";
import type { KvRow } from "@/lib/sim";
import { packValues } from "./rows";
import { decodeValue, encodeRowValue } from "./value-codec";

const row = (revision: number, value: string): KvRow => ({
  revision,
  key: `/registry/configmaps/default/c${revision}`,
  created: true,
  deleted: false,
  createRevision: revision,
  prevRevision: 0,
  lease: 0,
  version: 1,
  value,
});

describe("packValues", () => {
  it("lays the encoded values end to end with 1-based offsets, as substring() reads them", () => {
    const rows = [
      row(1, '{"a":1}'),
      row(2, ""),
      row(3, JSON.stringify({ data: "x".repeat(5000) })),
    ];
    const { blob, offsets, lengths } = packValues(rows);
    expect(offsets[0]).toBe(1);
    expect(blob.length).toBe(lengths.reduce((n, l) => n + l, 0));
    rows.forEach((r, i) => {
      const part = blob.subarray(offsets[i]! - 1, offsets[i]! - 1 + lengths[i]!);
      expect(Buffer.from(part).equals(Buffer.from(encodeRowValue(r)))).toBe(true);
      expect(decodeValue(part)).toBe(r.value);
    });
  });

  it("packs no rows into an empty blob", () => {
    expect(packValues([])).toEqual({ blob: Buffer.alloc(0), offsets: [], lengths: [] });
  });
});
