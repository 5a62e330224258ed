import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/signup/route";
import { verifyPassword } from "@/lib/auth/password-hash";
import { db } from "@/lib/db/client";
import { APP_ORIGIN, jsonRequest, uniqueEmail } from "./auth-fixtures";

const signUp = (body: unknown, headers?: Record<string, string>) =>
  POST(jsonRequest("/api/signup", "POST", body, headers));

describe("POST /api/signup", () => {
  it("creates a LEARNER whose password is stored only as an argon2id hash", async () => {
    const email = uniqueEmail("new");
    const res = await signUp({
      email: `  ${email.toUpperCase()} `,
      name: "김민수",
      password: "kubernetes-2026",
    });
    expect(res.status).toBe(201);
    const row = await db().user.findUniqueOrThrow({ where: { email } });
    expect(row.role).toBe("LEARNER");
    expect(row.name).toBe("김민수");
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("kubernetes-2026");
    expect(await verifyPassword(row.passwordHash!, "kubernetes-2026")).toBe(true);
    const body = await res.json();
    expect(body.user).toEqual({ id: row.id, email, name: "김민수", role: "LEARNER" });
    expect(JSON.stringify(body)).not.toContain("argon2");
  });

  it("uses the email's local part when no name is given", async () => {
    const email = uniqueEmail("noname");
    expect((await signUp({ email, name: "", password: "kubernetes-2026" })).status).toBe(201);
    expect((await db().user.findUniqueOrThrow({ where: { email } })).name).toBe(
      email.split("@")[0],
    );
  });

  it("refuses a duplicate email with 409 and a Korean message, also under concurrency", async () => {
    const email = uniqueEmail("dup");
    expect((await signUp({ email, password: "kubernetes-2026" })).status).toBe(201);
    const again = await signUp({ email: email.toUpperCase(), password: "another-pass-99" });
    expect(again.status).toBe(409);
    expect((await again.json()).error).toMatchObject({
      code: "emailTaken",
      message: "이미 가입된 이메일입니다. 로그인하거나 다른 이메일을 사용하세요.",
    });

    const racing = uniqueEmail("race");
    const results = await Promise.all(
      [1, 2, 3].map(() => signUp({ email: racing, password: "kubernetes-2026" })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await db().user.count({ where: { email: racing } })).toBe(1);
  });

  it("names the field and the rule for malformed email and weak passwords", async () => {
    const bad = await signUp({ email: "not-an-email", password: "short" });
    expect(bad.status).toBe(400);
    const { error } = await bad.json();
    expect(error.code).toBe("invalidInput");
    expect(error.fields.email).toBe("올바른 이메일 주소를 입력하세요. (예: name@example.com)");
    expect(error.fields.password).toBe("비밀번호는 10자 이상이어야 합니다.");

    const noDigit = await signUp({ email: uniqueEmail("weak"), password: "only-letters-here" });
    expect((await noDigit.json()).error.fields.password).toBe(
      "비밀번호에는 영문자와 숫자가 모두 들어가야 합니다.",
    );
  });

  it("answers 413 in Korean for an oversized body, before touching the database", async () => {
    const email = uniqueEmail("big");
    const res = await signUp({ email, password: "kubernetes-2026", name: "x".repeat(40_000) });
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toBe("요청 본문이 너무 큽니다. (최대 16KB)");
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("refuses malformed JSON (400) and non-JSON bodies (415)", async () => {
    const broken = await POST(jsonRequest("/api/signup", "POST", "{not json"));
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBe("badJson");
    const form = await POST(
      new Request(`${APP_ORIGIN}/api/signup`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: APP_ORIGIN },
        body: "email=a%40b.io&password=x",
      }),
    );
    expect(form.status).toBe(415);
  });

  it("refuses cross-site requests (CSRF) and requests without any origin information", async () => {
    const email = uniqueEmail("csrf");
    const cross = await signUp(
      { email, password: "kubernetes-2026" },
      { origin: "https://evil.example" },
    );
    expect(cross.status).toBe(403);
    expect((await cross.json()).error.code).toBe("crossSite");

    const noOrigin = await POST(
      new Request(`${APP_ORIGIN}/api/signup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "kubernetes-2026" }),
      }),
    );
    expect(noOrigin.status).toBe(403);

    const fetchMetadataOnly = await POST(
      new Request(`${APP_ORIGIN}/api/signup`, {
        method: "POST",
        headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" },
        body: JSON.stringify({ email, password: "kubernetes-2026" }),
      }),
    );
    expect(fetchMetadataOnly.status).toBe(403);
    expect(await db().user.count({ where: { email } })).toBe(0);
  });
});
