import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { boolArrayLiteral, intArrayLiteral, textArrayLiteral } from "./pg-arrays";

// node-postgres's own conversion of an array parameter: the reference our literals must match.
const pgUtils = createRequire(import.meta.url)("pg/lib/utils") as {
  prepareValue(v: unknown): string;
};
const pgLiteral = (values: unknown[]) => pgUtils.prepareValue(values);

describe("array literals for the write statement", () => {
  it("quotes and escapes text exactly as node-postgres does", () => {
    const keys = [
      "/registry/pods/default/web-1",
      'quo"te',
      "back\\slash",
      '\\"both\\"',
      "comma,brace{}",
      "NULL",
      "",
      " spaced ",
      "한글/키",
    ];
    expect(textArrayLiteral(keys)).toBe(pgLiteral(keys));
    expect(textArrayLiteral([])).toBe(pgLiteral([]));
  });

  it("writes integers and booleans unquoted (what Postgres reads them as is the same)", () => {
    expect(intArrayLiteral([1, 22, -3])).toBe("{1,22,-3}");
    expect(intArrayLiteral(["9007199254740993", "0"])).toBe("{9007199254740993,0}");
    expect(intArrayLiteral([])).toBe("{}");
    expect(boolArrayLiteral([true, false, true])).toBe("{t,f,t}");
    expect(boolArrayLiteral([])).toBe("{}");
  });
});
