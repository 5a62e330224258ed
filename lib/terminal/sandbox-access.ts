// Who may use a sandbox's terminal: its owner reads and writes. Instructors of the
// owner's classes read (the classes feature registers `instructorCanRead`). Anyone
// else gets 404, so sandbox ids of other learners leak nothing.

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

/** Access granted, with the sandbox row's version as it was read. */
export interface SandboxGrant extends SandboxOwner {
  version: number;
}

export interface SandboxRow {
  ownerId: string | null;
  labId: string | null;
  version: number | null;
}

/** The access decision on a sandbox row already read (undefined: no such sandbox). */
export async function decideSandboxAccess(
  user: SessionUser,
  row: SandboxRow | undefined,
  mode: AccessMode,
): Promise<SandboxGrant> {
  const owner = row?.ownerId;
  if (!row || !owner) throw new HttpError(404, "forbidden");
  const found = { ownerId: owner, workspace: row.labId ?? "sandbox", version: row.version ?? 0 };
  if (owner === user.id) return found;
  if (await instructorCanRead(user, owner)) {
    if (mode === "read") return found;
    throw new HttpError(403, "forbidden");
  }
  throw new HttpError(404, "forbidden");
}

export async function authorizeSandbox(
  user: SessionUser,
  sandboxId: string,
  mode: AccessMode,
): Promise<SandboxGrant> {
  // Named: parsed and planned once per pooled connection.
  const { rows } = await pool().query<SandboxRow>({
    name: "kubelab_authorize_sandbox",
    text: `SELECT "ownerId", "labId", "version" FROM "Sandbox" WHERE "id" = $1`,
    values: [sandboxId],
  });
  return decideSandboxAccess(user, rows[0], mode);
}
