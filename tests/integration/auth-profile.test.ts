import { describe, expect, it } from "vitest";
import { POST as changePassword } from "@/app/api/auth/password/route";
import { PATCH as changeName } from "@/app/api/auth/profile/route";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ensureDemoAccounts } from "@/lib/auth/demo-accounts";
import { verifyPassword } from "@/lib/auth/password-hash";
import { db } from "@/lib/db/client";
import { createUser, jsonRequest, sessionCookie } from "./auth-fixtures";

describe("own profile API", () => {
  it("changes the name of the signed-in user only", async () => {
    const user = await createUser("LEARNER");
    const res = await changeName(
      jsonRequest(
        "/api/auth/profile",
        "PATCH",
        { name: "  이서연 " },
        { cookie: await sessionCookie(user.id) },
      ),
    );
    expect(res.status).toBe(200);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("이서연");

    const empty = await changeName(
      jsonRequest(
        "/api/auth/profile",
        "PATCH",
        { name: "   " },
        { cookie: await sessionCookie(user.id) },
      ),
    );
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.fields.name).toBe("이름을 입력하세요.");
    expect(
      (await changeName(jsonRequest("/api/auth/profile", "PATCH", { name: "x" }))).status,
    ).toBe(401);
  });

  it("changes the password only with the right current password", async () => {
    const user = await createUser("LEARNER", "old-password-11");
    const cookie = await sessionCookie(user.id);
    const wrong = await changePassword(
      jsonRequest(
        "/api/auth/password",
        "POST",
        { currentPassword: "not-it-password-1", newPassword: "new-password-22" },
        { cookie },
      ),
    );
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.message).toBe("현재 비밀번호가 맞지 않습니다.");

    const weak = await changePassword(
      jsonRequest(
        "/api/auth/password",
        "POST",
        { currentPassword: "old-password-11", newPassword: "short1" },
        { cookie },
      ),
    );
    expect((await weak.json()).error.fields.newPassword).toBe("비밀번호는 10자 이상이어야 합니다.");

    const ok = await changePassword(
      jsonRequest(
        "/api/auth/password",
        "POST",
        { currentPassword: "old-password-11", newPassword: "new-password-22" },
        { cookie },
      ),
    );
    expect(ok.status).toBe(204);
    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(passwordHash!, "new-password-22")).toBe(true);
    expect(await verifyPassword(passwordHash!, "old-password-11")).toBe(false);
  });
});

describe("ensureDemoAccounts", () => {
  it("creates one account per role with the documented password, idempotently", async () => {
    await db().user.deleteMany({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } });
    expect(await ensureDemoAccounts(db())).toHaveLength(3);
    expect(await ensureDemoAccounts(db())).toEqual([]);
    for (const account of DEMO_ACCOUNTS) {
      const row = await db().user.findUniqueOrThrow({ where: { email: account.email } });
      expect(row.role).toBe(account.role);
      expect(await verifyPassword(row.passwordHash!, DEMO_PASSWORD)).toBe(true);
    }
    expect(
      await db().user.count({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } }),
    ).toBe(3);
  });
});
