// Shared by the classes integration tests: a class with its instructor and
// learners, another instructor with a class of their own, an admin, and helpers
// that call the real route handlers as each of them.
import { createClass, joinClass } from "@/lib/classes/class-service";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/client";
import { APP_ORIGIN, createUser, jsonRequest, sessionCookie } from "./auth-fixtures";

export interface Actor {
  user: SessionUser;
  cookie: string;
}

export async function actor(role: Role, name?: string): Promise<Actor> {
  const created = await createUser(role);
  const user = name
    ? await db().user.update({ where: { id: created.id }, data: { name } })
    : created;
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    cookie: await sessionCookie(user.id),
  };
}

export async function classWith(instructor: Actor, learners: Actor[], name = "쿠버네티스 A반") {
  const cls = await createClass(db(), instructor.user, { name, term: "2026 가을" });
  for (const l of learners) await joinClass(db(), l.user, cls.joinCode);
  return cls;
}

export const get = (path: string, a?: Actor) =>
  new Request(`${APP_ORIGIN}${path}`, { headers: a ? { cookie: a.cookie } : {} });

export const send = (path: string, method: string, body: unknown, a?: Actor) =>
  jsonRequest(path, method, body, a ? { cookie: a.cookie } : {});

export const ctx = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) });
