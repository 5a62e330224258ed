// A command run on a cached authorization (lib/terminal/sandbox-grant-cache.ts) carries
// an owner guard: its one statement writes (or records its history row) only if the
// sandbox is still that user's and the user row still exists, and says which of the two
// failed - a moved version (run again) or a refused owner (AccessRefused: the caller
// authorizes afresh, so a deleted user or a revoked sandbox gets its 401/404 at once).

import type { Client } from "./pool";

/** The guard's user id; a statement without a guard passes null and checks nothing. */
export type OwnerGuard = string;

export class AccessRefused extends Error {
  constructor(readonly sandboxId: string) {
    super(`sandbox ${sandboxId}: the cached owner no longer holds it`);
    this.name = "AccessRefused";
  }
}

/**
 * The guard's condition on a "Sandbox" row (alias `s`) for user id parameter `$n`:
 * the row is the user's and the user row exists. True when the parameter is null.
 */
export function ownerGuardSql(sandbox: string, param: string): string {
  return `(${param}::text IS NULL OR (${sandbox}."ownerId" = ${param}::text AND EXISTS (SELECT 1 FROM "User" gu WHERE gu."id" = ${param}::text)))`;
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
