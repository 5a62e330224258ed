import { describe, expect, it, vi } from "vitest";
import { AuthError } from "@/lib/auth/auth-error";
import { errorResponse } from "./error-response";
import { HttpError } from "./http-error";

describe("errorResponse", () => {
  it("maps HttpError to its status with the Korean message and field errors", async () => {
    const res = errorResponse(new HttpError(400, "invalidInput", {}, { email: "잘못" }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: "invalidInput", message: "입력값을 확인하세요.", fields: { email: "잘못" } },
    });
  });

  it("answers 503 with a retry hint when the database is unreachable", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
    });
    const res = errorResponse(new Error("query failed", { cause: refused }));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect((await res.json()).error).toEqual({
      code: "databaseUnavailable",
      message: "데이터베이스에 잠시 연결할 수 없습니다. 잠시 후 다시 시도하세요.",
    });
    warn.mockRestore();
  });

  it("maps each AuthError code to a status", async () => {
    const cases = [
      ["emailTaken", 409],
      ["invalidCredentials", 401],
      ["unauthenticated", 401],
      ["forbidden", 403],
      ["userNotFound", 404],
      ["cannotDemoteSelf", 409],
    ] as const;
    for (const [code, status] of cases) {
      const res = errorResponse(new AuthError(code));
      expect(res.status).toBe(status);
      expect((await res.json()).error.code).toBe(code);
    }
  });

  it("adds Retry-After and the retry time for rate limits", async () => {
    const retryAt = new Date(Date.now() + 90_000);
    const res = errorResponse(new AuthError("rateLimited", retryAt));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(89);
    const body = await res.json();
    expect(body.error.retryAt).toBe(retryAt.toISOString());
    expect(body.error.message).toContain("2분 뒤");
  });

  it("hides unexpected errors behind a generic 500 without internals", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = errorResponse(new Error("connection string postgres://secret@db"));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("secret");
    expect(text).not.toContain("at ");
    expect(JSON.parse(text).error.message).toBe(
      "서버에서 문제가 발생했습니다. 잠시 후 다시 시도하세요.",
    );
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
