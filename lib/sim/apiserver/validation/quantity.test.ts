import { describe, expect, it } from "vitest";
import { addQuantities, compareQuantities, formatQuantity, parseQuantity } from "./quantity";

const q = (s: string) => {
  const v = parseQuantity(s);
  if (!v) throw new Error(`not a quantity: ${s}`);
  return v;
};

describe("resource quantities", () => {
  it("parses into exact milli-units", () => {
    expect(q("100m").milli).toBe(100n);
    expect(q("1").milli).toBe(1000n);
    expect(q("1.5").milli).toBe(1500n);
    expect(q("1Ki").milli).toBe(1024000n);
    expect(q("1Gi").milli).toBe(1073741824000n);
    expect(q("1k").milli).toBe(1000000n);
    expect(q("1e3").milli).toBe(1000000n);
    expect(q("0.0001").milli).toBe(1n); // rounded up like MilliValue
    expect(parseQuantity("1.2.3")).toBeUndefined();
    expect(parseQuantity("abc")).toBeUndefined();
    expect(parseQuantity("1Xi")).toBeUndefined();
  });

  it("prints the canonical form", () => {
    expect(formatQuantity(q("500m"))).toBe("500m");
    expect(formatQuantity(q("1000m"))).toBe("1");
    expect(formatQuantity(q("2048Mi"))).toBe("2Gi");
    expect(formatQuantity(q("1536Mi"))).toBe("1536Mi");
    expect(formatQuantity(q("1000"))).toBe("1k");
    expect(formatQuantity(q("0"))).toBe("0");
    expect(formatQuantity(addQuantities(q("250m"), q("750m")))).toBe("1");
  });

  it("compares across units", () => {
    expect(compareQuantities(q("1"), q("1000m"))).toBe(0);
    expect(compareQuantities(q("1Gi"), q("1G"))).toBe(1);
    expect(compareQuantities(q("100Mi"), q("200Mi"))).toBe(-1);
  });
});

describe("parsed quantities kept by their text", () => {
  it("gives the same frozen answer again, for the text and for the number it came from", () => {
    const first = parseQuantity("250m");
    expect(first).toEqual({ milli: 250n, format: "DecimalSI" });
    expect(parseQuantity("250m")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(parseQuantity(2)).toEqual(parseQuantity("2"));
    // Surrounding spaces are trimmed, but the text is kept as given.
    expect(parseQuantity(" 1Gi ")).toEqual({ milli: 1024n ** 3n * 1000n, format: "BinarySI" });
    expect(parseQuantity("abc")).toBeUndefined();
    expect(parseQuantity("abc")).toBeUndefined();
    // Sums build new quantities and leave the kept ones alone.
    const sum = addQuantities(first!, first!);
    expect(sum.milli).toBe(500n);
    expect(parseQuantity("250m")!.milli).toBe(250n);
  });

  it("parses long text without keeping it: a fresh answer each time, equal to the short form", () => {
    const long = `${"0".repeat(70)}250m`;
    const a = parseQuantity(long);
    expect(a).toEqual(parseQuantity("250m"));
    expect(parseQuantity(long)).not.toBe(a);
    expect(parseQuantity(`${"9".repeat(80)}x`)).toBeUndefined();
  });
});
