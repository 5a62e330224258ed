import { describe, expect, it } from "vitest";
import { BOM, csvResponse, toCsv } from "./csv";

describe("toCsv", () => {
  it("starts with the UTF-8 BOM and ends lines with CRLF", () => {
    const text = toCsv(["name", "score"], [["김민수", 90]]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(Buffer.from(text, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text).toBe(`${BOM}name,score\r\n김민수,90\r\n`);
  });

  it("quotes commas, quotes and line breaks, and leaves empty cells empty", () => {
    const text = toCsv(["a", "b", "c"], [['say "hi", ok', "two\nlines", null]]);
    expect(text).toBe(`${BOM}a,b,c\r\n"say ""hi"", ok","two\nlines",\r\n`);
  });

  it("neutralises spreadsheet formulas in text but not negative numbers", () => {
    const text = toCsv(
      ["n", "v"],
      [
        ['=HYPERLINK("x")', -3],
        ["@SUM(A1)", "+1"],
      ],
    );
    expect(text.split("\r\n").slice(1, 3)).toEqual([`"'=HYPERLINK(""x"")",-3`, "'@SUM(A1),'+1"]);
  });
});

describe("csvResponse", () => {
  it("sends a download with an ASCII and a UTF-8 file name", async () => {
    const res = csvResponse(toCsv(["a"], []), "class.csv", "수업.csv");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="class.csv"; filename*=UTF-8''%EC%88%98%EC%97%85.csv`,
    );
    expect(new Uint8Array(await res.arrayBuffer()).subarray(0, 3)).toEqual(
      new Uint8Array([0xef, 0xbb, 0xbf]),
    );
  });
});
