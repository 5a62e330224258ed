import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, derivedEncryptionKey } from "./session-jwe";

const SECRET = "session-jwe-test-secret";

describe("decodeSessionToken", () => {
  it("gives next-auth's own decode answer for its tokens", async () => {
    const token = await encode({
      token: { sub: "u1", name: "학습자", role: "LEARNER" },
      secret: SECRET,
    });
    const ours = await decodeSessionToken({ token, secret: SECRET });
    expect(ours).toEqual(await decode({ token, secret: SECRET }));
    expect(ours?.sub).toBe("u1");
  });

  it("uses the salt as next-auth does (a token made with a salt needs it)", async () => {
    const token = await encode({ token: { sub: "u2" }, secret: SECRET, salt: "s1" });
    expect((await decodeSessionToken({ token, secret: SECRET, salt: "s1" }))?.sub).toBe("u2");
    await expect(decodeSessionToken({ token, secret: SECRET })).rejects.toThrow();
  });

  it("refuses what next-auth refuses: another secret, a tampered or expired token", async () => {
    const token = await encode({ token: { sub: "u3" }, secret: SECRET });
    await expect(decode({ token, secret: "other" })).rejects.toThrow();
    await expect(decodeSessionToken({ token, secret: "other" })).rejects.toThrow();
    const parts = token.split(".");
    const tag = parts[4]!;
    parts[4] = (tag[0] === "A" ? "B" : "A") + tag.slice(1);
    await expect(decodeSessionToken({ token: parts.join("."), secret: SECRET })).rejects.toThrow();
    // Expired beyond the 15 s clock tolerance.
    const expired = await encode({ token: { sub: "u3" }, secret: SECRET, maxAge: -60 });
    await expect(decode({ token: expired, secret: SECRET })).rejects.toThrow();
    await expect(decodeSessionToken({ token: expired, secret: SECRET })).rejects.toThrow();
    // Within the tolerance, both accept it.
    const recent = await encode({ token: { sub: "u3" }, secret: SECRET, maxAge: -5 });
    expect((await decodeSessionToken({ token: recent, secret: SECRET }))?.sub).toBe("u3");
  });

  it("answers null without a token, as next-auth does", async () => {
    expect(await decodeSessionToken({ token: undefined, secret: SECRET })).toBeNull();
    expect(await decodeSessionToken({ token: "", secret: SECRET })).toBeNull();
  });
});

describe("derivedEncryptionKey", () => {
  it("derives once per secret and salt, string and Buffer secrets alike", () => {
    const a = derivedEncryptionKey(SECRET);
    expect(derivedEncryptionKey(SECRET)).toBe(a);
    expect(a).toHaveLength(32);
    expect(derivedEncryptionKey(Buffer.from(SECRET))).toEqual(a);
    expect(derivedEncryptionKey(SECRET, "x")).not.toEqual(a);
    expect(derivedEncryptionKey("another")).not.toEqual(a);
  });
});
