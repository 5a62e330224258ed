import { describe, expect, it } from "vitest";
import { CATCH_UP_INTERVAL_MS, LOOPS_NEVER_RAN, catchUpDue } from "./catch-up";

const T = Date.UTC(2026, 2, 1, 12, 0, 0);

describe("catchUpDue", () => {
  it("is due once an interval of virtual time passed since the loops ran", () => {
    expect(catchUpDue(T, T, T + CATCH_UP_INTERVAL_MS)).toBe(true);
    expect(catchUpDue(T, T, T + CATCH_UP_INTERVAL_MS - 1)).toBe(false);
  });

  it("counts from the loops' last run, not from the last request", () => {
    // A request 100 ms ago moved the state's time; the loops ran 1.5 s ago.
    expect(catchUpDue(T + 1_400, T, T + 1_500)).toBe(true);
  });

  it("is due on a copy whose loops never ran in this process, and never when time stands still", () => {
    expect(catchUpDue(T, LOOPS_NEVER_RAN, T + 1)).toBe(true);
    expect(catchUpDue(T, LOOPS_NEVER_RAN, T)).toBe(false);
  });
});
