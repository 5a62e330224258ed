import { describe, expect, it } from "vitest";
import { createClusterSandbox, defaultBootstrap } from "@/lib/sim";
import {
  decodeValue,
  encodeRowValue,
  encodeValue,
  encodeValueV1,
  encodeValueV2,
  StoredValueFormatError,
  templateInflateCount,
} from "./value-codec";

describe("stored value codec", () => {
  it("round-trips any text, including Korean and empty values", () => {
    for (const text of ["", "{}", '{"data":{"인사":"안녕하세요"}}', "x".repeat(100_000)]) {
      expect(decodeValue(encodeValue(text))).toBe(text);
    }
  });

  it("still reads values stored in format 1", () => {
    for (const o of defaultBootstrap()) {
      const text = JSON.stringify(o);
      const old = encodeValueV1(text);
      expect(old[0]! & 0x06).not.toBe(0x06);
      expect(decodeValue(old)).toBe(text);
    }
    expect(decodeValue(encodeValueV1(""))).toBe("");
  });

  it("writes format 4: a marker byte, then the text as UTF-8 without compression", () => {
    const text = '{"data":{"인사":"안녕"}}';
    const v = encodeValue(text);
    expect(v[0]).toBe(0x16);
    expect(Buffer.from(v.subarray(1)).toString("utf8")).toBe(text);
  });

  it("refuses a format it does not know", () => {
    const v = encodeValue("{}");
    v[0] = 0x1e;
    expect(() => decodeValue(v)).toThrow(StoredValueFormatError);
  });

  it("still reads values stored in format 2, which shrank the bootstrap objects several-fold", () => {
    const values = defaultBootstrap().map((o) => JSON.stringify(o));
    const raw = values.reduce((n, v) => n + Buffer.byteLength(v), 0);
    const packed = values.reduce((n, v) => n + encodeValueV2(v).length, 0);
    expect(packed * 3).toBeLessThan(raw);
    for (const v of values) expect(decodeValue(encodeValueV2(v))).toBe(v);
  });

  it("format 2 stores a default cluster's objects in half format 1's bytes", () => {
    const rows = createClusterSandbox({ seed: "codec", now: Date.UTC(2026, 5, 1) }).changes
      .appended;
    const v1 = rows.reduce((n, r) => n + encodeValueV1(r.value).length, 0);
    const v2 = rows.reduce((n, r) => n + encodeValueV2(r.value).length, 0);
    for (const r of rows) expect(decodeValue(encodeValueV2(r.value))).toBe(r.value);
    expect(v2 * 2).toBeLessThan(v1);
  });
});

describe("rows copied from the default-cluster template (format 3)", () => {
  it("store the template's compressed value once and each copy's shift, and read back exactly", () => {
    const t = Date.UTC(2026, 0, 1);
    for (const now of [t, t + 5_000, t + 400 * 86_400_000 + 1234, t - 3 * 86_400_000]) {
      const rows = createClusterSandbox({ seed: `f3-${now}`, now }).changes.appended;
      expect(rows.some((r) => r.key.startsWith("/registry/events/"))).toBe(true);
      for (const r of rows) {
        const stored = encodeRowValue(r);
        expect(stored[0]).toBe(0x0e);
        expect(decodeValue(stored), r.key).toBe(r.value);
      }
      const own = rows.reduce((n, r) => n + encodeValueV2(r.value).length, 0);
      const shifted = rows.reduce((n, r) => n + encodeRowValue(r).length, 0);
      // The header (shift, event suffix) costs a few bytes; timestamps compress alike.
      expect(Math.abs(shifted - own)).toBeLessThan(own * 0.1);
    }
  });

  it("inflate each template value once per process, whatever the copy's shift", () => {
    const t = Date.UTC(2026, 2, 1);
    const a = createClusterSandbox({ seed: "f3-once-a", now: t }).changes.appended;
    const b = createClusterSandbox({ seed: "f3-once-b", now: t + 7 * 86_400_000 + 321 }).changes
      .appended;
    const first = templateInflateCount();
    for (const r of a) expect(decodeValue(encodeRowValue(r)), r.key).toBe(r.value);
    // Another sandbox of the same template, moved elsewhere in time: its own values, read
    // from the texts already inflated (at most one inflate per template value in all).
    for (const r of b) expect(decodeValue(encodeRowValue(r)), r.key).toBe(r.value);
    expect(a.every((r) => encodeRowValue(r)[0] === 0x0e)).toBe(true);
    expect(templateInflateCount() - first).toBeLessThanOrEqual(a.length);
  });

  it("leaves rows written later in format 4", () => {
    const sb = createClusterSandbox({ seed: "f3-later", now: Date.UTC(2026, 1, 1) });
    const moved = { ...sb.changes.appended[0]!, value: '{"kind":"Namespace"}' };
    expect(encodeRowValue(moved)[0]).toBe(0x16);
    expect(decodeValue(encodeRowValue(moved))).toBe('{"kind":"Namespace"}');
  });
});
