// Who may use a sandbox's terminal: its owner reads and writes. Instructors of the
// owner's classes will read (a later issue adds classes: `instructorCanRead` is the
// hook). Anyone else gets 404, so sandbox ids of other learners leak nothing.

import type { SessionUser } from "@/lib/auth/session";
import { pool } from "@/lib/db/sandboxes/pool";
import { HttpError } from "@/lib/http/http-error";

export type AccessMode = "read" | "write";

/** Hook for the classes feature: may this instructor read this learner's sandbox? */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the classes feature fills this in
export async function instructorCanRead(
  _instructor: SessionUser,
  _ownerId: string,
): Promise<boolean> {
  return false;
}

export async function authorizeSandbox(
  user: SessionUser,
  sandboxId: string,
  mode: AccessMode,
): Promise<void> {
  const { rows } = await pool().query<{ ownerId: string | null }>(
    `SELECT "ownerId" FROM "Sandbox" WHERE "id" = $1`,
    [sandboxId],
  );
  const owner = rows[0]?.ownerId;
  if (!rows[0] || !owner) throw new HttpError(404, "forbidden");
  if (owner === user.id) return;
  if (await instructorCanRead(user, owner)) {
    if (mode === "read") return;
    throw new HttpError(403, "forbidden");
  }
  throw new HttpError(404, "forbidden");
}
