import { describe, expect, it } from "vitest";
import { eventName, nanosHex } from "./events";
import { hex8 } from "./hash";

// The recorder's "<name>.<UnixNano in hex>", computed in doubles: the same digits as BigInt.
const reference = (now: number, extra: number) =>
  (BigInt(now) * 1_000_000n + BigInt(extra)).toString(16);

describe("event names", () => {
  it("prints now × 10⁶ + the revision's last six digits in hex, as BigInt arithmetic does", () => {
    const cases: [number, number][] = [
      [0, 0],
      [0, 999_999],
      [1, 5],
      [4294, 967_295], // the product just below 2³²
      [4295, 0], // just above: a carry into the high word
      [2 ** 32 - 1, 999_999],
      [2 ** 32, 1],
      [Date.UTC(2026, 0, 1), 123_456],
      [Date.UTC(2099, 11, 31, 23, 59, 59, 999), 999_999],
      [Number.MAX_SAFE_INTEGER, 999_999],
    ];
    for (const [now, extra] of cases) expect(nanosHex(now, extra)).toBe(reference(now, extra));
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const now = Math.floor((seed / 2 ** 32) * 2 ** (1 + (i % 52)));
      const extra = (seed >>> 3) % 1_000_000;
      expect(nanosHex(now, extra)).toBe(reference(now, extra));
    }
  });

  it("prints 32-bit words as 8 hex digits", () => {
    for (const n of [0, 1, 0xff, 0x1234abcd, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff]) {
      expect(hex8(n)).toBe(n.toString(16).padStart(8, "0"));
    }
  });

  it("names an Event after its object, keeping names unique within a millisecond", () => {
    const now = Date.UTC(2026, 0, 1);
    expect(eventName("web-1", now, 1_234_567)).toBe(`web-1.${reference(now, 234_567)}`);
    expect(eventName("web-1", now, 8)).not.toBe(eventName("web-1", now, 9));
  });
});
