// Every API request decrypts the learner's session cookie (next-auth's JWE: an
// HKDF key derivation and an AES-GCM decryption). A learner sends the same cookie
// with every terminal command, so the decoded payload is kept for a minute, never
// past the token's own expiry, and at most MAX_ENTRIES tokens at once. A JWT
// session cannot be revoked before its exp anyway, so keeping the decode changes
// no answer; the secret is part of the key, so a rotated secret decodes afresh.
// Only tokens that decoded are kept: a forged token is decrypted (and refused)
// every time (with the key derived once per secret, session-jwe.ts). Whether the user still exists and their role are read from the
// database on every request regardless (request-user.ts).
import type { JWT, JWTDecodeParams } from "next-auth/jwt";
import { ExpiringMap } from "./expiring-map";
import { decodeSessionToken } from "./session-jwe";

export const TOKEN_TTL_MS = 60_000;
export const MAX_ENTRIES = 10_000;

export class SessionTokenCache {
  private readonly entries: ExpiringMap<JWT>;

  constructor(
    private readonly inner: (params: JWTDecodeParams) => Promise<JWT | null> = decodeSessionToken,
    private readonly now: () => number = Date.now,
    maxEntries = MAX_ENTRIES,
  ) {
    this.entries = new ExpiringMap(maxEntries);
  }

  get size(): number {
    return this.entries.size;
  }

  /** A drop-in for next-auth's `decode` (getToken's `decode` option). */
  decode = async (params: JWTDecodeParams): Promise<JWT | null> => {
    const { token } = params;
    if (!token) return null;
    // The secret and salt are part of the key: a rotated secret must not find old entries.
    const key = `${params.salt ?? ""}\u0000${String(params.secret)}\u0000${token}`;
    const now = this.now();
    const hit = this.entries.get(key, now);
    if (hit !== undefined) return hit;
    const payload = await this.inner(params);
    if (!payload) return payload;
    const exp = typeof payload.exp === "number" ? payload.exp * 1000 : Infinity;
    const until = Math.min(now + TOKEN_TTL_MS, exp);
    if (until > now) this.entries.set(key, payload, until, now);
    return payload;
  };
}
