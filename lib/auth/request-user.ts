import { getToken } from "next-auth/jwt";
import { NextRequest } from "next/server";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AuthError } from "./auth-error";
import { secureCookies } from "./auth-options";
import { hasRole, type Role } from "./roles";
import type { SessionUser } from "./session";

/**
 * The signed-in user of a route handler request, read from the session cookie
 * and re-checked against the database (so a demoted or deleted user loses
 * access at once). Works with any Request, which keeps handlers testable.
 */
export async function getRequestUser(
  prisma: PrismaClient,
  request: Request,
): Promise<SessionUser | null> {
  // A header-only copy: wrapping the request itself would lock its body stream.
  const req =
    request instanceof NextRequest
      ? request
      : new NextRequest(request.url, { headers: request.headers });
  const token = await getToken({ req, secureCookie: secureCookies });
  if (!token?.sub) return null;
  return prisma.user.findUnique({
    where: { id: token.sub },
    select: { id: true, email: true, name: true, role: true },
  });
}

/** Throws AuthError unauthenticated (401) / forbidden (403). */
export async function requireRequestUser(
  prisma: PrismaClient,
  request: Request,
  role: Role = "LEARNER",
): Promise<SessionUser> {
  const user = await getRequestUser(prisma, request);
  if (!user) throw new AuthError("unauthenticated");
  if (!hasRole(user.role, role)) throw new AuthError("forbidden");
  return user;
}
