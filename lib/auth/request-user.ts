import { getToken } from "next-auth/jwt";
import { RequestCookies } from "next/dist/server/web/spec-extension/cookies";
import { pool } from "@/lib/db/sandboxes/pool";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AuthError } from "./auth-error";
import { secureCookies } from "./auth-options";
import { hasRole, type Role } from "./roles";
import type { SessionUser } from "./session";
import { sessionNotRevokedSql } from "./session-revocation-sql";
import { SessionSubjectCache, sessionHeadersKey, type SessionRef } from "./session-subject-cache";
import { SessionTokenCache } from "./session-token-cache";

const tokens = new SessionTokenCache();
const subjects = new SessionSubjectCache();

// getRequestUser's query, a named prepared statement (parsed and planned once per pooled
// connection): every API request outside the terminal's routes sends it.
export const REQUEST_USER_SQL = `SELECT "id", "email", "name", "role" FROM "User" WHERE "id" = $1 AND ${sessionNotRevokedSql("$2")}`;

/**
 * The signed-in user of a route handler request, read from the session cookie
 * and re-checked against the database (so a demoted or deleted user, or a
 * signed-out session, loses access at once). Works with any Request, which keeps handlers testable.
 * The lookup runs on every API request (each terminal command), so it goes
 * straight through the sandbox pool: one round trip without Prisma's per-query
 * work, which showed in load profiles. `_prisma` stays for the callers' sake.
 */
export async function getRequestUser(
  _prisma: PrismaClient,
  request: Pick<Request, "headers">,
): Promise<SessionUser | null> {
  const session = await sessionSubject(request);
  if (!session) return null;
  const { rows } = await pool().query<SessionUser>({
    name: "kubelab_request_user",
    text: REQUEST_USER_SQL,
    values: [session.sub, session.sid],
  });
  return rows[0] ?? null;
}

/**
 * The user id and session id the request's session cookie names, or null: the cookie
 * only, not yet checked against the database (nor against sign-out). For callers that read the user row together with
 * what they need next (the terminal reads the sandbox row in the same query).
 */
export async function sessionSubject(
  request: Pick<Request, "headers">,
): Promise<SessionRef | null> {
  const { headers } = request;
  // getToken finds the token in the Cookie header or an `Authorization: Bearer` one:
  // with neither there is no session; a pair seen before is answered from the cache.
  const key = sessionHeadersKey(headers.get("cookie"), headers.get("authorization"));
  if (key === null) return null;
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  return subjects.subject(key, secret, () =>
    // getToken reads only `cookies` and `headers`: the cookie header parsed as a
    // NextRequest would parse it, without building a NextRequest (URL parsing and a
    // second Request per API call; the route's own request may come from the fast
    // lane, so an instanceof check against this bundle's NextRequest never matched).
    getToken({
      req: { cookies: new RequestCookies(headers), headers } as unknown as Parameters<
        typeof getToken
      >[0]["req"],
      secureCookie: secureCookies,
      secret,
      decode: tokens.decode,
    }),
  );
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
