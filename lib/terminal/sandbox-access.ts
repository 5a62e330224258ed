// Who may use a sandbox's terminal: its owner reads and writes. Instructors of the
// owner's classes read (the classes feature registers `instructorCanRead`). Anyone
// else gets 404, so sandbox ids of other learners leak nothing.

import { AuthError } from "@/lib/auth/auth-error";
import { sessionSubject } from "@/lib/auth/request-user";
import { hasRole, type Role } from "@/lib/auth/roles";
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

interface SandboxRow {
  ownerId: string | null;
  labId: string | null;
  version: number | null;
}

async function decide(
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
  const { rows } = await pool().query<SandboxRow>(
    `SELECT "ownerId", "labId", "version" FROM "Sandbox" WHERE "id" = $1`,
    [sandboxId],
  );
  return decide(user, rows[0], mode);
}

export interface SandboxRequester {
  user: SessionUser;
  /** authorizeSandbox on the sandbox row read with the user's (no further query for the owner). */
  authorize(mode: AccessMode): Promise<SandboxGrant>;
}

/**
 * requireRequestUser and authorizeSandbox's read in ONE query (the terminal's exec
 * runs both for every command): the user row, re-checked on every request as
 * before, joined with the sandbox row. Signed-out or deleted users are 401, a
 * missing role 403, as requireRequestUser answers; the sandbox decision waits for
 * `authorize`, so a route keeps its order of checks (e.g. a bad body is 400 first).
 */
export async function requireSandboxRequester(
  request: Request,
  sandboxId: string,
  role: Role = "LEARNER",
): Promise<SandboxRequester> {
  const sub = await sessionSubject(request);
  if (!sub) throw new AuthError("unauthenticated");
  const { rows } = await pool().query<SessionUser & SandboxRow>(
    `SELECT u."id", u."email", u."name", u."role", s."ownerId", s."labId", s."version"
     FROM "User" u LEFT JOIN "Sandbox" s ON s."id" = $2 WHERE u."id" = $1`,
    [sub, sandboxId],
  );
  const row = rows[0];
  if (!row) throw new AuthError("unauthenticated");
  const user: SessionUser = { id: row.id, email: row.email, name: row.name, role: row.role };
  if (!hasRole(user.role, role)) throw new AuthError("forbidden");
  const sandbox = row.version === null ? undefined : row;
  return { user, authorize: (mode) => decide(user, sandbox, mode) };
}
