import { describe, expect, it } from "vitest";
import { combine, decide, EMAIL_RULE, emailKey, type RateLimitRule } from "./sign-in-rate-limit";

const rule: RateLimitRule = { maxFailures: 3, windowMs: 60_000 };
const now = new Date("2026-11-26T06:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("decide", () => {
  it("allows while fewer than maxFailures fall inside the window", () => {
    expect(decide([], now, rule)).toEqual({ allowed: true });
    expect(decide([ago(1000), ago(2000)], now, rule)).toEqual({ allowed: true });
  });

  it("ignores failures older than the window", () => {
    expect(decide([ago(1000), ago(2000), ago(61_000), ago(90_000)], now, rule)).toEqual({
      allowed: true,
    });
  });

  it("refuses at maxFailures and says when the oldest counted failure expires", () => {
    const decision = decide([ago(50_000), ago(10_000), ago(30_000)], now, rule);
    expect(decision).toEqual({ allowed: false, retryAt: new Date(now.getTime() + 10_000) });
  });

  it("with more failures than the limit, waits for the window to fall below it", () => {
    // Newest 3: 1s, 2s, 3s ago -> allowed again when the 3s-ago one expires.
    const decision = decide([ago(1000), ago(2000), ago(3000), ago(40_000)], now, rule);
    expect(decision).toEqual({ allowed: false, retryAt: new Date(now.getTime() + 57_000) });
  });

  it("uses 5 failures per 15 minutes for an email", () => {
    const four = [1, 2, 3, 4].map((m) => ago(m * 60_000));
    expect(decide(four, now, EMAIL_RULE).allowed).toBe(true);
    expect(decide([...four, ago(5 * 60_000)], now, EMAIL_RULE).allowed).toBe(false);
  });
});

describe("combine", () => {
  it("refuses when any key refuses, with the latest retry time", () => {
    const a = { allowed: false as const, retryAt: new Date(1000) };
    const b = { allowed: false as const, retryAt: new Date(5000) };
    expect(combine([{ allowed: true }, a, b])).toEqual(b);
    expect(combine([{ allowed: true }, { allowed: true }])).toEqual({ allowed: true });
  });
});

describe("keys", () => {
  it("normalises the email so case and spaces do not bypass the limit", () => {
    expect(emailKey("  Kim@Example.com ")).toBe(emailKey("kim@example.com"));
  });
});
