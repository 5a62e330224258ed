// The terminal routes' authorization in one query: the session's user row (re-read on
// every request) joined with the sandbox row. Kept apart from sandbox-access.ts so that
// code without next-auth (benchmarks, workers, the engine's tests) can import lib/terminal.

import { AuthError } from "@/lib/auth/auth-error";
import { sessionSubject } from "@/lib/auth/request-user";
import { sessionNotRevokedSql } from "@/lib/auth/session-revocation-sql";
import { hasRole, type Role } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import { pool } from "@/lib/db/sandboxes/pool";
import {
  decideSandboxAccess,
  type AccessMode,
  type SandboxGrant,
  type SandboxRow,
} from "./sandbox-access";

export interface SandboxRequester {
  user: SessionUser;
  /** authorizeSandbox on the sandbox row read with the user's (no further query for the owner). */
  authorize(mode: AccessMode): Promise<SandboxGrant>;
  /** The sandbox row's log sequence as read with it (the trace's window; 0 without a sandbox). */
  logSeq: number;
}

/**
 * requireRequestUser and authorizeSandbox's read in ONE query (the terminal's exec
 * runs both for every command): the user row, re-checked on every request as
 * before, joined with the sandbox row. Signed-out sessions or deleted users are 401, a
 * missing role 403, as requireRequestUser answers; the sandbox decision waits for
 * `authorize`, so a route keeps its order of checks (e.g. a bad body is 400 first).
 */
export async function requireSandboxRequester(
  request: Request,
  sandboxId: string,
  role: Role = "LEARNER",
): Promise<SandboxRequester> {
  const session = await sessionSubject(request);
  if (!session) throw new AuthError("unauthenticated");
  const { rows } = await pool().query<SessionUser & SandboxRow & { logSeq: number | null }>(
    `SELECT u."id", u."email", u."name", u."role", s."ownerId", s."labId", s."version", s."logSeq"
     FROM "User" u LEFT JOIN "Sandbox" s ON s."id" = $2
     WHERE u."id" = $1 AND ${sessionNotRevokedSql("$3")}`,
    [session.sub, sandboxId, session.sid],
  );
  const row = rows[0];
  if (!row) throw new AuthError("unauthenticated");
  const user: SessionUser = { id: row.id, email: row.email, name: row.name, role: row.role };
  if (!hasRole(user.role, role)) throw new AuthError("forbidden");
  const sandbox = row.version === null ? undefined : row;
  return {
    user,
    authorize: (mode) => decideSandboxAccess(user, sandbox, mode),
    logSeq: row.logSeq ?? 0,
  };
}
