import { describe, expect, it } from "vitest";
import {
  canonicalQuantity,
  compareQuantities,
  ERR_FORMAT_WRONG,
  ERR_NUMERIC,
  ERR_SUFFIX,
  parseQuantity,
  QuantityError,
  quantityMilliValue,
  quantityValue,
  tryParseQuantity,
} from "./quantity";

describe("parseQuantity", () => {
  it.each([
    ["100m", 100, 1],
    ["1", 1000, 1],
    ["2.5", 2500, 3],
    ["0.1", 100, 1],
    ["1e3", 1_000_000, 1000],
    ["1k", 1_000_000, 1000],
    ["1Ki", 1_024_000, 1024],
    ["500Mi", 500 * 1024 * 1024 * 1000, 500 * 1024 * 1024],
    ["1Gi", 1024 ** 3 * 1000, 1024 ** 3],
    ["1.5Gi", 1.5 * 1024 ** 3 * 1000, 1.5 * 1024 ** 3],
    ["1n", 1, 1],
    ["-1", -1000, -1],
    ["+2", 2000, 2],
    ["1E", 1e21, 1e18],
  ])("%s → milli %d, value %d", (text, milli, value) => {
    const q = parseQuantity(text);
    expect(quantityMilliValue(q)).toBe(milli);
    expect(quantityValue(q)).toBe(value);
  });

  it("rounds fractional values up, as Quantity.Value does", () => {
    expect(quantityValue(parseQuantity("100m"))).toBe(1);
    expect(quantityMilliValue(parseQuantity("1u"))).toBe(1);
  });

  it.each([
    ["", ERR_FORMAT_WRONG],
    ["abc", ERR_FORMAT_WRONG],
    [" 1", ERR_FORMAT_WRONG],
    ["1 Gi", ERR_FORMAT_WRONG],
    ["1.2.3", ERR_NUMERIC],
    ["1KiB", ERR_FORMAT_WRONG],
    ["1Kii", ERR_SUFFIX],
    ["1mm", ERR_SUFFIX],
  ])("rejects %j with %s", (text, message) => {
    expect(() => parseQuantity(text)).toThrow(QuantityError);
    expect(() => parseQuantity(text)).toThrow(message);
    expect(tryParseQuantity(text)).toBeUndefined();
  });

  it("compares across formats exactly", () => {
    expect(compareQuantities(parseQuantity("1.5Gi"), parseQuantity("1536Mi"))).toBe(0);
    expect(compareQuantities(parseQuantity("1G"), parseQuantity("1Gi"))).toBe(-1);
    expect(compareQuantities(parseQuantity("1001m"), parseQuantity("1"))).toBe(1);
  });
});

describe("canonicalQuantity (Quantity.String)", () => {
  it.each([
    ["100m", "100m"],
    ["0.5", "500m"],
    ["1.5", "1500m"],
    ["1000", "1k"],
    ["1500", "1500"],
    ["2000000", "2M"],
    ["1e3", "1e3"],
    ["1.5Gi", "1536Mi"],
    ["1024Mi", "1Gi"],
    ["500Mi", "500Mi"],
    ["512", "512"],
    ["1000Ki", "1000Ki"],
    ["0.5Ki", "512"],
    ["0", "0"],
    ["0.0000000001", "1n"],
  ])("%s → %s", (text, canonical) => {
    expect(canonicalQuantity(text)).toBe(canonical);
  });
});
