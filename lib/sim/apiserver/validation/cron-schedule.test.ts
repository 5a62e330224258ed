import { describe, expect, it } from "vitest";
import { cronScheduleError } from "./cron-schedule";

describe("cron schedule syntax (robfig/cron ParseStandard)", () => {
  it("accepts five fields, names, ranges, steps, lists and descriptors", () => {
    for (const s of [
      "*/1 * * * *",
      "0 0 * * *",
      "5,10-20/5 1-23/2 ? JAN-mar SUN,sat",
      "0 12 1 */2 1-5",
      "  0   0 * * *  ",
      "@hourly",
      "@daily",
      "@midnight",
      "@annually",
      "@every 1h30m",
    ])
      expect(cronScheduleError(s), s).toBeUndefined();
  });

  it("words field-count errors as robfig/cron does", () => {
    expect(cronScheduleError("*/1 * * *")).toBe("expected exactly 5 fields, found 4: [*/1 * * *]");
    expect(cronScheduleError("0 * * * * *")).toBe(
      "expected exactly 5 fields, found 6: [0 * * * * *]",
    );
    expect(cronScheduleError("")).toBe("empty spec string");
  });

  it("words range, number and descriptor errors", () => {
    expect(cronScheduleError("60 * * * *")).toBe("end of range (60) above maximum (59): 60");
    expect(cronScheduleError("* * 0 * *")).toBe("beginning of range (0) below minimum (1): 0");
    expect(cronScheduleError("5-1 * * * *")).toBe(
      "beginning of range (5) beyond end of range (1): 5-1",
    );
    expect(cronScheduleError("*/0 * * * *")).toBe("step of range should be a positive number: */0");
    expect(cronScheduleError("abc * * * *")).toBe(
      'failed to parse int from abc: strconv.Atoi: parsing "abc": invalid syntax',
    );
    expect(cronScheduleError("1-2-3 * * * *")).toBe("too many hyphens: 1-2-3");
    expect(cronScheduleError("*/2/3 * * * *")).toBe("too many slashes: */2/3");
    expect(cronScheduleError("* * * foo *")).toBe(
      'failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax',
    );
    expect(cronScheduleError("@fortnightly")).toBe("unrecognized descriptor: @fortnightly");
    expect(cronScheduleError("@every soon")).toBe(
      'failed to parse duration @every soon: time: invalid duration "soon"',
    );
  });
});
