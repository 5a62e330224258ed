// The SQL condition of a session not signed out (revoked-sessions.ts), apart from it so
// that lib/db's statements can use it without importing the Prisma client.

/** SQL: the session id in parameter (or expression) `param` was not signed out. */
export function sessionNotRevokedSql(param: string): string {
  return `NOT EXISTS (SELECT 1 FROM "RevokedSession" rs WHERE rs."sid" = ${param}::text)`;
}
