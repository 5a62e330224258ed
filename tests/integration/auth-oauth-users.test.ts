import { describe, expect, it } from "vitest";
import { resolveOAuthUser } from "@/lib/auth/oauth-users";
import { db } from "@/lib/db/client";
import { createUser, uniqueEmail } from "./auth-fixtures";

const accountId = () => String(Math.floor(Math.random() * 1e12));

describe("resolveOAuthUser", () => {
  it("creates a LEARNER without a password for a new identity, then finds it again", async () => {
    const email = uniqueEmail("gh");
    const identity = {
      provider: "github",
      providerAccountId: accountId(),
      email: email.toUpperCase(),
      name: "옥토캣",
    };
    const created = await resolveOAuthUser(db(), identity);
    expect(created).toMatchObject({ email, name: "옥토캣", role: "LEARNER" });
    const row = await db().user.findUniqueOrThrow({ where: { email } });
    expect(row.passwordHash).toBeNull();
    // Same identity later (even with another email at the provider): same user.
    expect(await resolveOAuthUser(db(), { ...identity, email: "changed@example.com" })).toEqual(
      created,
    );
    expect(await db().oAuthAccount.count({ where: { userId: row.id } })).toBe(1);
  });

  it("does not take over an existing local account with the same email", async () => {
    const local = await createUser("ADMIN");
    const result = await resolveOAuthUser(db(), {
      provider: "oidc",
      providerAccountId: accountId(),
      email: local.email,
    });
    expect(result).toBeNull();
    expect(await db().oAuthAccount.count({ where: { userId: local.id } })).toBe(0);
  });

  it("refuses identities without an email", async () => {
    expect(
      await resolveOAuthUser(db(), { provider: "github", providerAccountId: accountId() }),
    ).toBeNull();
  });
});
