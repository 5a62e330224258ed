// Who may use a sandbox's terminal: its owner reads and writes. Instructors of the
// owner's classes will read (a later issue adds classes: `instructorCanRead` is the
// hook). Anyone else gets 404, so sandbox ids of other learners leak nothing.

import type { SessionUser } from "@/lib/auth/session";
import { pool } from "@/lib/db/sandboxes/pool";
import { HttpError } from "@/lib/http/http-error";

export type AccessMode = "read" | "write";

export type InstructorReadCheck = (instructor: SessionUser, ownerId: string) => Promise<boolean>;

/** No classes yet: no instructor reads another user's sandbox until the classes feature says so. */
let instructorCanRead: InstructorReadCheck = async () => false;

/** The hook the classes feature calls to let a learner's instructors read their sandbox. */
export function setInstructorReadCheck(check: InstructorReadCheck): void {
  instructorCanRead = check;
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
