import { describe, expect, it } from "vitest";
import { signInErrorMessage } from "./sign-in-error";

describe("signInErrorMessage", () => {
  const now = new Date("2026-11-26T06:00:00Z");

  it("is null without an error", () => {
    expect(signInErrorMessage(null, now)).toBeNull();
    expect(signInErrorMessage("", now)).toBeNull();
  });

  it("uses one message for unknown users and wrong passwords", () => {
    expect(signInErrorMessage("invalidCredentials", now)).toBe(
      "이메일 또는 비밀번호가 올바르지 않습니다.",
    );
    expect(signInErrorMessage("CredentialsSignin", now)).toBe(
      signInErrorMessage("invalidCredentials", now),
    );
  });

  it("says how long to wait when rate limited", () => {
    const retryAt = now.getTime() + 12 * 60_000 + 5_000; // 12 min 5 s → "13분"
    const text = signInErrorMessage(`rateLimited:${retryAt}`, now, "Asia/Seoul");
    expect(text).toContain("13분 뒤");
    expect(text).toContain("15:12"); // 06:12:05Z is 15:12 in Seoul
  });

  it("maps OAuth failures and unknown codes to Korean, never echoing the raw code", () => {
    expect(signInErrorMessage("OAuthAccountNotLinked", now)).toContain("외부 계정");
    const unknown = signInErrorMessage("Error: boom at line 3", now);
    expect(unknown).not.toContain("boom");
    expect(unknown).toContain("서버");
  });
});
