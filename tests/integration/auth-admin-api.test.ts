import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/admin/users/route";
import { PATCH } from "@/app/api/admin/users/[id]/route";
import { db } from "@/lib/db/client";
import { APP_ORIGIN, createUser, jsonRequest, sessionCookie } from "./auth-fixtures";

const list = async (cookie?: string) =>
  GET(new Request(`${APP_ORIGIN}/api/admin/users`, { headers: cookie ? { cookie } : {} }));

const patchRole = async (
  cookie: string,
  id: string,
  role: string,
  headers: Record<string, string> = {},
) =>
  PATCH(jsonRequest(`/api/admin/users/${id}`, "PATCH", { role }, { cookie, ...headers }), {
    params: Promise.resolve({ id }),
  });

describe("admin users API", () => {
  it("lists users for an admin only: 401 signed out, 403 learner/instructor, 200 admin", async () => {
    const [learner, instructor, admin] = await Promise.all([
      createUser("LEARNER"),
      createUser("INSTRUCTOR"),
      createUser("ADMIN"),
    ]);
    expect((await list()).status).toBe(401);
    const asLearner = await list(await sessionCookie(learner.id));
    expect(asLearner.status).toBe(403);
    expect((await asLearner.json()).error.message).toBe("이 작업을 할 권한이 없습니다.");
    expect((await list(await sessionCookie(instructor.id))).status).toBe(403);

    const asAdmin = await list(await sessionCookie(admin.id));
    expect(asAdmin.status).toBe(200);
    const { users } = await asAdmin.json();
    expect(users.map((u: { email: string }) => u.email)).toEqual(
      expect.arrayContaining([learner.email, instructor.email, admin.email]),
    );
    expect(JSON.stringify(users)).not.toContain("passwordHash");
  });

  it("rejects a forged or foreign-secret session cookie", async () => {
    const admin = await createUser("ADMIN");
    const forged = (await sessionCookie(admin.id)).replace(/.{6}$/, "AAAAAA");
    expect((await list(forged)).status).toBe(401);
  });

  it("applies a role change at once, because the role is read from the database", async () => {
    const user = await createUser("ADMIN");
    const cookie = await sessionCookie(user.id);
    expect((await list(cookie)).status).toBe(200);
    await db().user.update({ where: { id: user.id }, data: { role: "LEARNER" } });
    expect((await list(cookie)).status).toBe(403);
  });

  it("lets an admin change roles; others get 403 and nothing changes", async () => {
    const [learner, admin] = await Promise.all([createUser("LEARNER"), createUser("ADMIN")]);
    const denied = await patchRole(await sessionCookie(learner.id), learner.id, "ADMIN");
    expect(denied.status).toBe(403);
    expect((await db().user.findUniqueOrThrow({ where: { id: learner.id } })).role).toBe("LEARNER");

    const ok = await patchRole(await sessionCookie(admin.id), learner.id, "INSTRUCTOR");
    expect(ok.status).toBe(200);
    expect((await ok.json()).user.role).toBe("INSTRUCTOR");
    expect((await db().user.findUniqueOrThrow({ where: { id: learner.id } })).role).toBe(
      "INSTRUCTOR",
    );
  });

  it("validates the role and the target", async () => {
    const admin = await createUser("ADMIN");
    const cookie = await sessionCookie(admin.id);
    const bad = await patchRole(cookie, admin.id, "ROOT");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.role).toBe("알 수 없는 역할입니다.");
    expect((await patchRole(cookie, "no-such-user", "LEARNER")).status).toBe(404);
  });

  it("refuses cross-site role changes even with an admin cookie (CSRF)", async () => {
    const [learner, admin] = await Promise.all([createUser("LEARNER"), createUser("ADMIN")]);
    const res = await patchRole(await sessionCookie(admin.id), learner.id, "ADMIN", {
      origin: "https://evil.example",
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("crossSite");
    expect((await db().user.findUniqueOrThrow({ where: { id: learner.id } })).role).toBe("LEARNER");
  });

  it("an admin cannot remove their own admin role", async () => {
    const admin = await createUser("ADMIN");
    const res = await patchRole(await sessionCookie(admin.id), admin.id, "LEARNER");
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("cannotDemoteSelf");
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
  });

  it("two admins demoting each other at once leave one admin, not zero", async () => {
    const [a, b] = await Promise.all([createUser("ADMIN"), createUser("ADMIN")]);
    const [ab, ba] = await Promise.all([
      patchRole(await sessionCookie(a.id), b.id, "LEARNER"),
      patchRole(await sessionCookie(b.id), a.id, "LEARNER"),
    ]);
    expect([ab.status, ba.status].sort()).toEqual([200, 403]);
    const roles = await db().user.findMany({
      where: { id: { in: [a.id, b.id] } },
      select: { role: true },
    });
    expect(roles.filter((r) => r.role === "ADMIN")).toHaveLength(1);
  });
});
