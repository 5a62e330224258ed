import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./auth-options";
import { hasRole, type Role } from "./roles";

export type SessionUser = { id: string; email: string; name: string; role: Role };

/** The signed-in user for server components, or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  return session?.user ?? null;
}

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
