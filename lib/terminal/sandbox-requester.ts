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
  /**
   * The terminal's history (oldest first), read in the same query when asked for with
   * `{ history: limit }`; empty otherwise or without a sandbox. Hand it out only after
   * `authorize` allowed the read.
   */
  history: string[];
}

export interface RequesterReads {
  /** Also read the sandbox's last `history` terminal commands in the same query. */
  history?: number;
}

/**
 * The query: $1 the session's user, $2 the sandbox, $3 the session id; with the history,
 * $4 its limit. Named prepared statements (parsed and planned once per connection): every
 * picture poll, history GET, trace, completion and exec without a cached grant sends one.
 * The history rides on the same round trip (the terminal's GET history: one statement on
 * the sandbox pool, never Prisma's client, whose first query in a worker compiled the read
 * for hundreds of ms under load); it is read before the sandbox decision and dropped
 * unless `authorize` allows it.
 */
function buildRequesterSql(withHistory: boolean): string {
  return `SELECT u."id", u."email", u."name", u."role", s."ownerId", s."labId", s."version", s."logSeq"${
    withHistory
      ? `, CASE WHEN s."id" IS NOT NULL THEN ARRAY(
          SELECT h."command" FROM (
            SELECT "command", "seq" FROM "TerminalCommand" WHERE "sandboxId" = $2
            ORDER BY "seq" DESC LIMIT $4
          ) h ORDER BY h."seq"
        ) END AS "history"`
      : ""
  }
   FROM "User" u LEFT JOIN "Sandbox" s ON s."id" = $2
   WHERE u."id" = $1 AND ${sessionNotRevokedSql("$3")}`;
}
const REQUESTER_SQL = buildRequesterSql(false);
const REQUESTER_HISTORY_SQL = buildRequesterSql(true);

/** The query's text, with or without the history (bench/requester-statement-ab.ts). */
export const requesterSql = (withHistory: boolean) =>
  withHistory ? REQUESTER_HISTORY_SQL : REQUESTER_SQL;

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
  reads: RequesterReads = {},
): Promise<SandboxRequester> {
  const session = await sessionSubject(request);
  if (!session) throw new AuthError("unauthenticated");
  const withHistory = reads.history !== undefined;
  const { rows } = await pool().query<
    SessionUser & SandboxRow & { logSeq: number | null; history?: string[] | null }
  >(
    withHistory
      ? {
          name: "kubelab_sandbox_requester_history",
          text: REQUESTER_HISTORY_SQL,
          values: [session.sub, sandboxId, session.sid, reads.history],
        }
      : {
          name: "kubelab_sandbox_requester",
          text: REQUESTER_SQL,
          values: [session.sub, sandboxId, session.sid],
        },
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
    history: row.history ?? [],
  };
}
