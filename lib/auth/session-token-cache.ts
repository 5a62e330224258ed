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
import { decodeSessionToken } from "./session-jwe";

export const TOKEN_TTL_MS = 60_000;
export const MAX_ENTRIES = 10_000;

interface Entry {
  payload: JWT;
  /** Wall-clock ms after which the entry is decoded afresh. */
  until: number;
}

export class SessionTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly inner: (params: JWTDecodeParams) => Promise<JWT | null> = decodeSessionToken,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

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
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.payload;
    if (hit) this.entries.delete(key);
    const payload = await this.inner(params);
    if (!payload) return payload;
    const exp = typeof payload.exp === "number" ? payload.exp * 1000 : Infinity;
    const until = Math.min(now + TOKEN_TTL_MS, exp);
    if (until > now) this.store(key, { payload, until });
    return payload;
  };

  private store(key: string, entry: Entry): void {
    if (this.entries.size >= this.maxEntries) {
      // Drop expired entries first; if all are live, the oldest inserted (Map order).
      const now = this.now();
      for (const [k, e] of this.entries) if (e.until <= now) this.entries.delete(k);
      if (this.entries.size >= this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    this.entries.set(key, entry);
  }
}
