// Raw HTTP against the production server: what a hostile or broken client gets.
import { describe, expect, it, inject } from "vitest";

const baseUrl = inject("baseUrl");

describe("auth endpoints over HTTP", () => {
  it("next-auth refuses a credentials POST without its CSRF token and sets no session", async () => {
    const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=learner%40kubelab.dev&password=kubelab-demo-1234",
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("csrf=true");
    expect(res.headers.getSetCookie().some((c) => c.includes("session-token"))).toBe(false);
  });

  it("answers oversized bodies with 413 and a Korean message on our routes and next-auth's", async () => {
    for (const [path, contentType] of [
      ["/api/signup", "application/json"],
      ["/api/auth/callback/credentials", "application/x-www-form-urlencoded"],
    ] as const) {
      const res = await fetch(`${baseUrl}${path}`, {
        method: "POST",
        headers: { "content-type": contentType, origin: baseUrl },
        body:
          contentType === "application/json"
            ? JSON.stringify({ pad: "x".repeat(100_000) })
            : `pad=${"x".repeat(100_000)}`,
      });
      expect(res.status).toBe(413);
      expect((await res.json()).error.message).toBe("요청 본문이 너무 큽니다. (최대 16KB)");
    }
  });

  it("refuses a cross-site sign-up and never shows a stack trace for garbage", async () => {
    const cross = await fetch(`${baseUrl}/api/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ email: "x@example.com", password: "kubernetes-2026" }),
    });
    expect(cross.status).toBe(403);
    expect((await cross.json()).error.code).toBe("crossSite");

    const garbage = await fetch(`${baseUrl}/api/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: baseUrl },
      body: '{"email": [1,2,{"$ne": null}], "password": {"length": 99}}',
    });
    expect(garbage.status).toBe(400);
    const text = await garbage.text();
    expect(text).not.toMatch(/at \w+ \(|node_modules|Error:/);
    expect(JSON.parse(text).error.fields).toMatchObject({
      email: expect.any(String),
      password: expect.any(String),
    });
  });

  it("protects the admin API: 401 without a session", async () => {
    const res = await fetch(`${baseUrl}/api/admin/users`);
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toBe("로그인이 필요합니다.");
  });
});
