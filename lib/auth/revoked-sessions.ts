// Sign-out for stateless (JWT) sessions. Every session gets an id (`sid`) at sign-in,
// kept in each token re-issued for it; signing out records the id here, and every
// check of a session's user row (request-user.ts, the terminal's sandbox-requester.ts
// and owner guard) also requires its id not to be recorded. So a copied cookie stops
// working on every instance the moment its owner signs out, not when it expires.

import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/sandboxes/pool";
import { sessionNotRevokedSql } from "./session-revocation-sql";

/** How long a session lives (next-auth's maxAge); a revoked id is kept as long. */
export const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

/**
 * Records a signed-out session. Through Prisma's connection (synchronous commit), not the
 * sandbox pool's asynchronous one: a sign-out must survive a database crash. Ids older
 * than any token that could carry them are deleted on the way.
 */
export async function revokeSession(sid: string, now = new Date()): Promise<void> {
  const until = new Date(now.getTime() + SESSION_MAX_AGE_S * 1000);
  await db().$transaction([
    db().$executeRaw`INSERT INTO "RevokedSession" ("sid", "expiresAt") VALUES (${sid}, ${until})
      ON CONFLICT ("sid") DO UPDATE SET "expiresAt" = EXCLUDED."expiresAt"`,
    db().$executeRaw`DELETE FROM "RevokedSession" WHERE "expiresAt" < ${now}`,
  ]);
}

const REVOKED_SQL = `SELECT NOT ${sessionNotRevokedSql("$1")} AS revoked`;

/** Whether a session was signed out (the pages' session callback asks). */
export async function isSessionRevoked(sid: string): Promise<boolean> {
  // Named (parsed and planned once per pooled connection): every page render asks.
  const { rows } = await pool().query<{ revoked: boolean }>({
    name: "kubelab_session_revoked",
    text: REVOKED_SQL,
    values: [sid],
  });
  return rows[0]?.revoked ?? false;
}
