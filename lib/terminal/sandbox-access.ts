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

/** Whose sandbox it is and which workspace its terminal sees (the lab's, or the free one's). */
export interface SandboxOwner {
  ownerId: string;
  /** lib/workspace's workspace id: the lab id, or "sandbox" for the free sandbox. */
  workspace: string;
}

export async function authorizeSandbox(
  user: SessionUser,
  sandboxId: string,
  mode: AccessMode,
): Promise<SandboxOwner> {
  const { rows } = await pool().query<{ ownerId: string | null; labId: string | null }>(
    `SELECT "ownerId", "labId" FROM "Sandbox" WHERE "id" = $1`,
    [sandboxId],
  );
  const owner = rows[0]?.ownerId;
  if (!rows[0] || !owner) throw new HttpError(404, "forbidden");
  const found = { ownerId: owner, workspace: rows[0].labId ?? "sandbox" };
  if (owner === user.id) return found;
  if (await instructorCanRead(user, owner)) {
    if (mode === "read") return found;
    throw new HttpError(403, "forbidden");
  }
  throw new HttpError(404, "forbidden");
}
