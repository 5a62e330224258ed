import { describe, expect, it } from "vitest";
import { ManualClock, formatMicroTime, formatTime } from "./clock";

describe("virtual clock", () => {
  it("formats metav1.Time and MicroTime like Kubernetes", () => {
    const ms = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
    expect(formatTime(ms)).toBe("2024-01-02T03:04:05Z");
    expect(formatMicroTime(ms)).toBe("2024-01-02T03:04:05.678000Z");
  });

  it("only moves forward", () => {
    const c = new ManualClock(1000);
    c.advance(500);
    expect(c.now()).toBe(1500);
    expect(() => c.advance(-1)).toThrow(RangeError);
    expect(() => c.set(10)).toThrow(RangeError);
  });
});
