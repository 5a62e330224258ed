import { encode, type JWTDecodeParams } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { SessionTokenCache, TOKEN_TTL_MS } from "./session-token-cache";

const SECRET = "session-token-cache-test-secret";

function counting(payloads: Record<string, { sub: string; exp?: number } | null>) {
  return vi.fn(async (p: JWTDecodeParams) => {
    const v = payloads[p.token ?? ""];
    if (v === undefined) throw new Error("bad token");
    return v;
  });
}

describe("SessionTokenCache", () => {
  it("decodes a real next-auth token once within the TTL, again after it", async () => {
    let now = 1_000_000;
    const token = await encode({ token: { sub: "u1" }, secret: SECRET });
    const { decode } = await import("next-auth/jwt");
    const inner = vi.fn(decode);
    const cache = new SessionTokenCache(inner, () => now);
    const first = await cache.decode({ token, secret: SECRET });
    expect(first?.sub).toBe("u1");
    now += TOKEN_TTL_MS - 1;
    expect((await cache.decode({ token, secret: SECRET }))?.sub).toBe("u1");
    expect(inner).toHaveBeenCalledTimes(1);
    now += 1;
    await cache.decode({ token, secret: SECRET });
    expect(inner).toHaveBeenCalledTimes(2);
  });

  it("never keeps a token past its exp", async () => {
    let now = 50_000;
    const inner = counting({ t: { sub: "u1", exp: 52 } }); // exp at 52 000 ms
    const cache = new SessionTokenCache(inner, () => now);
    await cache.decode({ token: "t", secret: SECRET });
    now = 52_000;
    await cache.decode({ token: "t", secret: SECRET });
    expect(inner).toHaveBeenCalledTimes(2);
  });

  it("does not keep tokens that fail to decode", async () => {
    const inner = counting({});
    const cache = new SessionTokenCache(inner, () => 0);
    await expect(cache.decode({ token: "forged", secret: SECRET })).rejects.toThrow();
    await expect(cache.decode({ token: "forged", secret: SECRET })).rejects.toThrow();
    expect(inner).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });

  it("keys on the secret: another secret decodes afresh", async () => {
    const inner = counting({ t: { sub: "u1" } });
    const cache = new SessionTokenCache(inner, () => 0);
    await cache.decode({ token: "t", secret: "a" });
    await cache.decode({ token: "t", secret: "b" });
    expect(inner).toHaveBeenCalledTimes(2);
  });

  it("holds at most maxEntries tokens, dropping expired ones first, then the oldest", async () => {
    let now = 0;
    const payloads = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`t${i}`, { sub: `u${i}` }]),
    );
    const inner = counting(payloads);
    const cache = new SessionTokenCache(inner, () => now, 10);
    for (let i = 0; i < 50; i++) {
      await cache.decode({ token: `t${i}`, secret: SECRET });
      expect(cache.size).toBeLessThanOrEqual(10);
    }
    // The newest ten are still cached; the oldest went.
    inner.mockClear();
    await cache.decode({ token: "t49", secret: SECRET });
    expect(inner).not.toHaveBeenCalled();
    await cache.decode({ token: "t0", secret: SECRET });
    expect(inner).toHaveBeenCalledTimes(1);
    // Once all have expired, one insert sweeps them.
    now += TOKEN_TTL_MS;
    for (let i = 0; i < 10; i++) await cache.decode({ token: `t${i}`, secret: SECRET });
    await cache.decode({ token: "t20", secret: SECRET });
    expect(cache.size).toBeLessThanOrEqual(10);
  });
});
