import { afterEach, describe, expect, it, vi } from "vitest";
import { HttpError } from "./http-error";
import { assertSameOrigin } from "./same-origin";

const req = (method: string, headers: Record<string, string>) =>
  new Request("http://localhost:3000/api/x", { method, headers });

const refused = (r: Request) => {
  try {
    assertSameOrigin(r);
    return false;
  } catch (e) {
    expect(e).toBeInstanceOf(HttpError);
    expect((e as HttpError).status).toBe(403);
    expect((e as HttpError).code).toBe("crossSite");
    return true;
  }
};

afterEach(() => {
  delete process.env.NEXTAUTH_URL;
});

describe("assertSameOrigin", () => {
  it("lets safe methods through", () => {
    expect(refused(req("GET", { origin: "https://evil.example" }))).toBe(false);
  });

  it("accepts an Origin naming this host (Host, X-Forwarded-Host or NEXTAUTH_URL)", () => {
    expect(refused(req("POST", { origin: "http://localhost:3000", host: "localhost:3000" }))).toBe(
      false,
    );
    expect(
      refused(
        req("POST", {
          origin: "https://kubelab.example",
          "x-forwarded-host": "kubelab.example",
          host: "10.0.0.5:3000",
        }),
      ),
    ).toBe(false);
    process.env.NEXTAUTH_URL = "https://class.example";
    expect(refused(req("PATCH", { origin: "https://class.example", host: "127.0.0.1:3000" }))).toBe(
      false,
    );
  });

  it("refuses other origins, look-alike hosts and the opaque null origin", () => {
    expect(refused(req("POST", { origin: "https://evil.example", host: "localhost:3000" }))).toBe(
      true,
    );
    expect(refused(req("POST", { origin: "http://localhost:3001", host: "localhost:3000" }))).toBe(
      true,
    );
    expect(refused(req("POST", { origin: "http://localhost:3000.evil.example" }))).toBe(true);
    expect(refused(req("DELETE", { origin: "null" }))).toBe(true);
  });

  it("without Origin, relies on Sec-Fetch-Site and refuses when both are missing", () => {
    expect(refused(req("POST", { "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(refused(req("POST", { "sec-fetch-site": "same-site" }))).toBe(true);
    expect(refused(req("POST", { "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(refused(req("POST", {}))).toBe(true);
  });
});

describe("assertSameOrigin and NEXTAUTH_URL (its host is kept per value)", () => {
  it("refuses a cross-site origin with 403 in a fresh process where NEXTAUTH_URL is unset", async () => {
    vi.resetModules();
    delete process.env.NEXTAUTH_URL;
    const fresh = await import("./same-origin");
    const { HttpError: FreshHttpError } = await import("./http-error");
    const r = req("POST", { origin: "https://evil.example", host: "localhost:3000" });
    expect(() => fresh.assertSameOrigin(r)).toThrow(FreshHttpError);
  });

  it("follows a changed NEXTAUTH_URL", () => {
    const r = () => req("POST", { origin: "https://class.example", host: "127.0.0.1:3000" });
    process.env.NEXTAUTH_URL = "https://class.example";
    expect(refused(r())).toBe(false);
    process.env.NEXTAUTH_URL = "https://other.example";
    expect(refused(r())).toBe(true);
    delete process.env.NEXTAUTH_URL;
    expect(refused(r())).toBe(true);
  });
});

describe("assertSameOrigin with an Origin seen before (its host is kept per value)", () => {
  it("decides each request on its own headers: a kept origin is still refused for another host", () => {
    const origin = "https://kept.example";
    for (let i = 0; i < 3; i++) {
      expect(refused(req("POST", { origin, host: "kept.example" }))).toBe(false);
      expect(refused(req("POST", { origin, host: "localhost:3000" }))).toBe(true);
      expect(refused(req("POST", { origin: "null", host: "localhost:3000" }))).toBe(true);
    }
  });

  it("answers as before past the cache's bound (ever-new origins)", () => {
    for (let i = 0; i < 600; i++) {
      const host = `site-${i}.example`;
      expect(refused(req("POST", { origin: `https://${host}`, host }))).toBe(false);
      expect(refused(req("POST", { origin: `https://${host}`, host: "other.example" }))).toBe(true);
    }
    expect(refused(req("POST", { origin: "https://site-0.example", host: "site-0.example" }))).toBe(
      false,
    );
  });
});
