import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("passwordProblem", () => {
  it("accepts a long password with letters and digits", () => {
    expect(passwordProblem("kubelab-demo-1234")).toBeNull();
    expect(passwordProblem("쿠버네티스실습2026")).toBeNull();
  });

  it("names the broken rule", () => {
    expect(passwordProblem("")).toBe("passwordRequired");
    expect(passwordProblem("abc12345")).toBe("passwordTooShort");
    expect(passwordProblem("a1".repeat(65))).toBe("passwordTooLong");
    expect(passwordProblem("onlyletters-here")).toBe("passwordNeedsLetterAndDigit");
    expect(passwordProblem("1234567890123")).toBe("passwordNeedsLetterAndDigit");
  });

  it("counts code points, not UTF-16 units", () => {
    // 9 emoji + 1 digit = 10 code points but 19 UTF-16 units: still no letter.
    expect(passwordProblem("😀".repeat(9) + "1")).toBe("passwordNeedsLetterAndDigit");
    expect(passwordProblem("가나다라마바사아자1")).toBeNull();
    expect(passwordProblem("가나다라마바사아1")).toBe("passwordTooShort");
  });

  it("refuses the email's local part inside the password", () => {
    expect(passwordProblem("Minsu.Kim2026!", "minsu.kim@example.com")).toBe(
      "passwordContainsEmail",
    );
    expect(passwordProblem("kubernetes2026", "minsu.kim@example.com")).toBeNull();
    // Very short local parts are not checked.
    expect(passwordProblem("kimchi-2026-xyz", "kim@example.com")).toBeNull();
  });
});
