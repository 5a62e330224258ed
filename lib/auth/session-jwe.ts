// next-auth's session token decode (a JWE: `dir` + A256GCM) with the key derived once
// per secret. next-auth's own `decode` runs HKDF-SHA256 on the secret for EVERY token
// it decrypts; the key depends only on the secret and the salt, so it is derived once
// and kept (a handful of entries at most: one secret per deployment, two while it is
// rotated). The decryption itself, its checks (algorithms, tag, exp/nbf with 15 s of
// clock tolerance) and its errors are jose's, called exactly as next-auth calls it.
import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams } from "next-auth/jwt";

const MAX_KEYS = 8;
const keys = new Map<string, Uint8Array>();

/** The content-encryption key next-auth derives from `secret` and `salt` (its getDerivedEncryptionKey). */
export function derivedEncryptionKey(secret: string | Buffer, salt = ""): Uint8Array {
  const id = `${typeof secret === "string" ? `s:${secret}` : `b:${secret.toString("hex")}`}\u0000${salt}`;
  let key = keys.get(id);
  if (!key) {
    key = new Uint8Array(
      hkdfSync(
        "sha256",
        secret,
        salt,
        `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`,
        32,
      ),
    );
    // Secrets do not come and go; should they, the oldest is dropped.
    if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!);
    keys.set(id, key);
  }
  return key;
}

/** A drop-in for next-auth's `decode`: same answers and errors, without the per-call HKDF. */
export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, secret, salt = "" } = params;
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, derivedEncryptionKey(secret, salt), {
    clockTolerance: 15,
  });
  return payload as JWT;
}
