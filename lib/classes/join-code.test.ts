import { describe, expect, it } from "vitest";
import { displayJoinCode, generateJoinCode, normalizeJoinCode } from "./join-code";

describe("join codes", () => {
  it("generates 8 characters without look-alike letters and digits", () => {
    const codes = new Set(Array.from({ length: 200 }, generateJoinCode));
    expect(codes.size).toBeGreaterThan(195);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z2-9]{8}$/);
      expect(code).not.toMatch(/[01OIL]/);
      expect(normalizeJoinCode(code)).toBe(code);
    }
  });

  it("accepts what a learner types: lower case, spaces, the display hyphen", () => {
    expect(normalizeJoinCode(" abcd-efgh ")).toBe("ABCDEFGH");
    expect(normalizeJoinCode("ab cd ef gh")).toBe("ABCDEFGH");
    expect(displayJoinCode("ABCDEFGH")).toBe("ABCD-EFGH");
  });

  it("rejects wrong lengths and characters outside the alphabet", () => {
    expect(normalizeJoinCode("ABCDEFG")).toBeNull();
    expect(normalizeJoinCode("ABCDEFGHJ")).toBeNull();
    expect(normalizeJoinCode("ABCDEFG0")).toBeNull();
    expect(normalizeJoinCode("가나다라마바사아")).toBeNull();
  });
});
