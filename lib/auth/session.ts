import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db/client";
import { getRequestUser } from "./request-user";
import { hasRole, type Role } from "./roles";

export type SessionUser = { id: string; email: string; name: string; role: Role };

/**
 * The signed-in user for server components, or null: the route handlers' check
 * (getRequestUser: the session cookie, then the user row re-read with the sign-out check
 * in one query), once per render - the root layout and the page share it (React's
 * cache is per request). next-auth's getServerSession ran its whole session action for
 * each caller: the token decrypted and re-encrypted (the new cookie is dropped in a
 * server component), the sign-out check and the user row as two queries.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> =>
  getRequestUser(db(), { headers: await headers() }),
);

/** For pages: the signed-in user, or a redirect to sign-in that comes back here. */
export async function requireUser(returnTo = "/"): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/**
 * For pages: the signed-in user if their role is `role` or higher; null when
 * signed in without it (the page then renders its "no permission" notice).
 */
export async function requireRole(role: Role, returnTo = "/"): Promise<SessionUser | null> {
  const user = await requireUser(returnTo);
  return hasRole(user.role, role) ? user : null;
}
