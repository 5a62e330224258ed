// The session subject of a request, kept per (Cookie, Authorization) header pair.
// Every terminal command carries the learner's unchanged Cookie header, and reading
// the user id out of it - the header parsed into a cookie list (RequestCookies), the
// session cookie found among them (next-auth's SessionStore, which also joins chunked
// cookies), the token looked up or decrypted (session-token-cache.ts) - is the same
// work with the same answer each time. The answer depends only on those two headers
// (getToken reads nothing else of the request), the secret and the cookie name, so a
// repeated pair is answered from here. A token without a session id (minted before
// sessions had one, revoked-sessions.ts) names no session: it could not be signed out. The rules are the token cache's: only tokens
// that decoded to a subject are kept (a forged or expired one goes the whole way every
// time), never past the token's exp, at most TTL_MS, at most MAX_ENTRIES pairs; another
// secret empties the cache. The user row is still read on every request (the caller).
import type { JWT } from "next-auth/jwt";
import { ExpiringMap } from "./expiring-map";

export const SUBJECT_TTL_MS = 60_000;
export const MAX_SUBJECTS = 10_000;

/** The cache key of a request's session headers; null when neither is sent (no session). */
export function sessionHeadersKey(
  cookie: string | null,
  authorization: string | null,
): string | null {
  if (authorization === null) return cookie;
  // NUL cannot occur in a header value: the two parts cannot run into each other.
  return `${cookie ?? ""}\u0000${authorization}`;
}

/** Whose session a request carries, and which session it is (its id, for sign-out). */
export interface SessionRef {
  sub: string;
  sid: string;
}

export class SessionSubjectCache {
  private readonly entries: ExpiringMap<SessionRef>;
  private secret: string | undefined;

  constructor(
    private readonly now: () => number = Date.now,
    maxEntries = MAX_SUBJECTS,
  ) {
    this.entries = new ExpiringMap(maxEntries);
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The session (subject and id) for the headers `key` under `secret`: cached, or `read()` (getToken's
   * payload for those headers) and kept when it names a subject.
   */
  async subject(
    key: string,
    secret: string | undefined,
    read: () => Promise<JWT | null>,
  ): Promise<SessionRef | null> {
    if (secret !== this.secret) {
      this.entries.clear();
      this.secret = secret;
    }
    const now = this.now();
    const hit = this.entries.get(key, now);
    if (hit !== undefined) return hit;
    const payload = await read();
    const sub = payload?.sub;
    const sid = payload?.sid;
    if (typeof sub !== "string" || sub === "" || typeof sid !== "string" || sid === "") {
      return null;
    }
    const ref: SessionRef = { sub, sid };
    const exp = typeof payload?.exp === "number" ? payload.exp * 1000 : Infinity;
    const until = Math.min(now + SUBJECT_TTL_MS, exp);
    if (until > now && this.secret === secret) this.entries.set(key, ref, until, now);
    return ref;
  }
}
