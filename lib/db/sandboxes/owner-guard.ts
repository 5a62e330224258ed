// A command run on a cached authorization (lib/terminal/sandbox-grant-cache.ts) carries
// an owner guard: its one statement writes (or records its history row) only if the
// sandbox is still that user's, the user row still exists and the request's session was
// not signed out (lib/auth/revoked-sessions.ts), and says which of the two
// failed - a moved version (run again) or a refused owner (AccessRefused: the caller
// authorizes afresh, so a deleted user or a revoked sandbox gets its 401/404 at once).

import { sessionNotRevokedSql } from "@/lib/auth/session-revocation-sql";
import type { Client } from "./pool";

/**
 * The guard's user id and session id as ONE text parameter ("<user> <session>": neither
 * holds a space - cuid and UUID), so the statements keep their parameter positions. A
 * statement without a guard passes null and checks nothing.
 */
export type OwnerGuard = string;

export function ownerGuard(userId: string, sessionId: string): OwnerGuard {
  return `${userId} ${sessionId}`;
}

export class AccessRefused extends Error {
  constructor(readonly sandboxId: string) {
    super(`sandbox ${sandboxId}: the cached owner no longer holds it`);
    this.name = "AccessRefused";
  }
}

/**
 * The guard's condition on a "Sandbox" row (alias `s`) for guard parameter `$n`: the row
 * is the user's, the user row exists and the session was not signed out. True when the
 * parameter is null.
 */
export function ownerGuardSql(sandbox: string, param: string): string {
  const user = `split_part(${param}::text, ' ', 1)`;
  const session = `split_part(${param}::text, ' ', 2)`;
  return `(${param}::text IS NULL OR (${sandbox}."ownerId" = ${user} AND EXISTS (SELECT 1 FROM "User" gu WHERE gu."id" = ${user}) AND ${sessionNotRevokedSql(session)}))`;
}

/**
 * The check alone, for a command that sent no statement of its own (nothing to write,
 * no history row): throws AccessRefused when the guard fails.
 */
export async function checkOwnerGuard(
  c: Pick<Client, "query">,
  sandboxId: string,
  guard: OwnerGuard,
): Promise<void> {
  const { rows } = await c.query<{ ok: boolean }>({
    name: "kubelab_owner_guard",
    text: `SELECT EXISTS (SELECT 1 FROM "Sandbox" s WHERE s."id" = $1 AND ${ownerGuardSql("s", "$2")}) AS ok`,
    values: [sandboxId, guard],
  });
  if (!rows[0]?.ok) throw new AccessRefused(sandboxId);
}
