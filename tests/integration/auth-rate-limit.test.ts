import { describe, expect, it } from "vitest";
import { AuthError } from "@/lib/auth/auth-error";
import { authorizeCredentials } from "@/lib/auth/authorize-credentials";
import { db } from "@/lib/db/client";
import { createUser, uniqueEmail } from "./auth-fixtures";

const PASSWORD = "correct-horse-42";
const MINUTE = 60_000;

async function attempt(email: string, password: string, ip: string | null, now: Date) {
  try {
    await authorizeCredentials(db(), { email, password }, ip, now);
    return "ok";
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    return error;
  }
}

const uniqueIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;

describe("credentials sign-in", () => {
  it("signs in with the right password, case-insensitively on the email", async () => {
    const user = await createUser("LEARNER", PASSWORD);
    const ok = await authorizeCredentials(
      db(),
      { email: user.email.toUpperCase(), password: PASSWORD },
      null,
    );
    expect(ok).toEqual({ id: user.id, email: user.email, name: user.name, role: "LEARNER" });
  });

  it("gives unknown users and wrong passwords the same error", async () => {
    const user = await createUser("LEARNER", PASSWORD);
    const now = new Date();
    const wrong = await attempt(user.email, "wrong-password-1", null, now);
    const unknown = await attempt(uniqueEmail("ghost"), PASSWORD, null, now);
    expect(wrong).toBeInstanceOf(AuthError);
    expect(unknown).toBeInstanceOf(AuthError);
    expect((wrong as AuthError).code).toBe("invalidCredentials");
    expect((unknown as AuthError).code).toBe("invalidCredentials");
  });
});

describe("sign-in rate limit (SignInFailure table)", () => {
  it("locks an email after 5 failures in 15 minutes, even for the right password", async () => {
    const user = await createUser("LEARNER", PASSWORD);
    const start = new Date();
    for (let i = 0; i < 5; i++) {
      const r = await attempt(
        user.email,
        `wrong-${i}-password`,
        uniqueIp(),
        new Date(start.getTime() + i * MINUTE),
      );
      expect((r as AuthError).code).toBe("invalidCredentials");
    }
    expect(await db().signInFailure.count({ where: { key: `email:${user.email}` } })).toBe(5);

    const locked = await attempt(
      user.email,
      PASSWORD,
      uniqueIp(),
      new Date(start.getTime() + 6 * MINUTE),
    );
    expect(locked).toBeInstanceOf(AuthError);
    expect((locked as AuthError).code).toBe("rateLimited");
    // The first failure leaves the 15-minute window at start + 15 min.
    expect((locked as AuthError).retryAt).toEqual(new Date(start.getTime() + 15 * MINUTE));

    // After the window, the right password works again and clears the count.
    const later = await attempt(
      user.email,
      PASSWORD,
      uniqueIp(),
      new Date(start.getTime() + 16 * MINUTE),
    );
    expect(later).toBe("ok");
    expect(await db().signInFailure.count({ where: { key: `email:${user.email}` } })).toBe(0);
  });

  it("a successful sign-in forgives earlier failures of that email", async () => {
    const user = await createUser("LEARNER", PASSWORD);
    const now = new Date();
    for (let i = 0; i < 4; i++) await attempt(user.email, "wrong-password-9", null, now);
    expect(await attempt(user.email, PASSWORD, null, now)).toBe("ok");
    for (let i = 0; i < 4; i++) await attempt(user.email, "wrong-password-9", null, now);
    expect(await attempt(user.email, PASSWORD, null, now)).toBe("ok");
  });

  it("limits one IP spraying many accounts (30 failures per 15 minutes)", async () => {
    const ip = uniqueIp();
    const now = new Date();
    for (let i = 0; i < 30; i++) {
      const r = await attempt(uniqueEmail("spray"), "guess-password-1", ip, now);
      expect((r as AuthError).code).toBe("invalidCredentials");
    }
    const user = await createUser("LEARNER", PASSWORD);
    const blocked = await attempt(user.email, PASSWORD, ip, now);
    expect((blocked as AuthError).code).toBe("rateLimited");
    // Another address is not affected.
    expect(await attempt(user.email, PASSWORD, uniqueIp(), now)).toBe("ok");
  });

  it("counts failures stored by another app instance (shared table)", async () => {
    const user = await createUser("LEARNER", PASSWORD);
    const now = new Date();
    await db().signInFailure.createMany({
      data: Array.from({ length: 5 }, () => ({ key: `email:${user.email}`, createdAt: now })),
    });
    expect(((await attempt(user.email, PASSWORD, null, now)) as AuthError).code).toBe(
      "rateLimited",
    );
  });
});
