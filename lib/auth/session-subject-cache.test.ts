import { encode, type JWT } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { SUBJECT_TTL_MS, SessionSubjectCache, sessionHeadersKey } from "./session-subject-cache";

const SECRET = "session-subject-cache-test-secret";

const reader = (payload: JWT | null) => vi.fn(async () => payload);

describe("sessionHeadersKey", () => {
  it("is null without either header and tells the two headers apart", () => {
    expect(sessionHeadersKey(null, null)).toBeNull();
    expect(sessionHeadersKey("a=1", null)).toBe("a=1");
    expect(sessionHeadersKey(null, "Bearer x")).not.toBe(sessionHeadersKey("Bearer x", null));
    // The separator cannot be forged: a header value never holds NUL.
    expect(() => new Headers({ cookie: "a\u0000b" })).toThrow();
  });
});

describe("SessionSubjectCache", () => {
  it("reads a header pair once within the TTL, again after it", async () => {
    let now = 1_000_000;
    const cache = new SessionSubjectCache(() => now);
    const read = reader({ sub: "u1", sid: "s1" });
    expect(await cache.subject("k", SECRET, read)).toEqual({ sub: "u1", sid: "s1" });
    now += SUBJECT_TTL_MS - 1;
    expect(await cache.subject("k", SECRET, read)).toEqual({ sub: "u1", sid: "s1" });
    expect(read).toHaveBeenCalledTimes(1);
    now += 1;
    expect(await cache.subject("k", SECRET, read)).toEqual({ sub: "u1", sid: "s1" });
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("never keeps a subject past its token's exp", async () => {
    let now = 50_000;
    const cache = new SessionSubjectCache(() => now);
    const read = reader({ sub: "u1", sid: "s1", exp: 52 });
    await cache.subject("k", SECRET, read);
    now = 52_000;
    await cache.subject("k", SECRET, read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("keeps nothing for headers without a valid session (forged, expired, no subject)", async () => {
    const cache = new SessionSubjectCache(() => 1_000);
    const forged = reader(null);
    expect(await cache.subject("k", SECRET, forged)).toBeNull();
    expect(await cache.subject("k", SECRET, forged)).toBeNull();
    expect(forged).toHaveBeenCalledTimes(2);
    const noSub = reader({ name: "x", sid: "s1" });
    expect(await cache.subject("k2", SECRET, noSub)).toBeNull();
    expect(await cache.subject("k2", SECRET, noSub)).toBeNull();
    expect(noSub).toHaveBeenCalledTimes(2);
    // A token from before sessions had ids could never be signed out: no session.
    const noSid = reader({ sub: "u1" });
    expect(await cache.subject("k3", SECRET, noSid)).toBeNull();
    expect(noSid).toHaveBeenCalledTimes(1);
    expect(cache.size).toBe(0);
  });

  it("forgets everything when the secret changes", async () => {
    const cache = new SessionSubjectCache(() => 1_000);
    const read = reader({ sub: "u1", sid: "s1" });
    await cache.subject("k", SECRET, read);
    await cache.subject("k", "rotated", read);
    expect(read).toHaveBeenCalledTimes(2);
    await cache.subject("k", "rotated", read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("holds at most maxEntries pairs, dropping the oldest", async () => {
    const cache = new SessionSubjectCache(() => 1_000, 2);
    const read = reader({ sub: "u", sid: "s" });
    for (const k of ["a", "b", "c"]) await cache.subject(k, SECRET, read);
    expect(cache.size).toBe(2);
    await cache.subject("a", SECRET, read);
    expect(read).toHaveBeenCalledTimes(4);
  });
});

describe("sessionSubject (request-user.ts)", () => {
  it("answers as getToken does for cookies, Bearer tokens, forged and absent sessions", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", SECRET);
    vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
    try {
      vi.resetModules();
      const { sessionSubject } = await import("./request-user");
      const token = await encode({ token: { sub: "learner-1", sid: "sid-1" }, secret: SECRET });
      const learner = { sub: "learner-1", sid: "sid-1" };
      const withHeaders = (h: Record<string, string>) =>
        new Request("http://localhost:3000/api/x", { headers: h });
      const cookie = `theme=dark; next-auth.session-token=${token}`;
      expect(await sessionSubject(withHeaders({ cookie }))).toEqual(learner);
      // The same header again (now from the cache), and the token as a Bearer.
      expect(await sessionSubject(withHeaders({ cookie }))).toEqual(learner);
      expect(
        await sessionSubject(withHeaders({ authorization: `Bearer ${encodeURIComponent(token)}` })),
      ).toEqual(learner);
      // Another secret's token, a cut token, another cookie name, nothing at all.
      const other = await encode({ token: { sub: "intruder", sid: "x" }, secret: "other" });
      expect(
        await sessionSubject(withHeaders({ cookie: `next-auth.session-token=${other}` })),
      ).toBeNull();
      expect(
        await sessionSubject(
          withHeaders({ cookie: `next-auth.session-token=${token.slice(0, -4)}` }),
        ),
      ).toBeNull();
      expect(await sessionSubject(withHeaders({ cookie: `other-token=${token}` }))).toBeNull();
      expect(await sessionSubject(withHeaders({}))).toBeNull();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
