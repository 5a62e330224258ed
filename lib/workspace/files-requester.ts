// GET /api/workspace/:workspace, read as a lab page opens (its editor mounts at once): the
// session's user row - re-read on every request, as requireRequestUser reads it, so a deleted
// user or a signed-out session gets 401 at once - and the user's files of the workspace in
// ONE named query on the sandboxes' pool, instead of the user's query and then Prisma's.

import { AuthError } from "@/lib/auth/auth-error";
import { sessionSubject } from "@/lib/auth/request-user";
import { hasRole } from "@/lib/auth/roles";
import { sessionNotRevokedSql } from "@/lib/auth/session-revocation-sql";
import { pool } from "@/lib/db/sandboxes/pool";
import { assertWorkspaceId } from "./file-path";
import { requesterFile, type RequesterFileRow } from "./requester-file-row";
import type { WorkspaceFileData } from "./workspace-files";

// $1 the session's user, $2 its session id, $3 the workspace. No row: the user is gone or
// the session signed out (401). One row per file, or one with NULLs without any. The
// timestamp column holds UTC without a zone: read as a timestamptz, so pg parses it exactly.
const FILES = `SELECT u."role", f."path", f."content", f."updatedAt" AT TIME ZONE 'UTC' AS "updatedAt"
  FROM "User" u
  LEFT JOIN "WorkspaceFile" f ON f."userId" = u."id" AND f."workspace" = $3
  WHERE u."id" = $1 AND ${sessionNotRevokedSql("$2")}`;

/**
 * The signed-in learner's files of `workspace`, sorted by name as listWorkspaceFiles sorts
 * them. Checks in requireRequestUser's order, then the workspace's: 401 without a live
 * session or user, 403 below LEARNER, 400 for a malformed workspace id.
 */
export async function requesterWorkspaceFiles(
  request: Request,
  workspace: string,
): Promise<WorkspaceFileData[]> {
  const session = await sessionSubject(request);
  if (!session) throw new AuthError("unauthenticated");
  const { rows } = await pool().query<RequesterFileRow>({
    name: "kubelab_workspace_files",
    text: FILES,
    values: [session.sub, session.sid, workspace],
  });
  const first = rows[0];
  if (!first) throw new AuthError("unauthenticated");
  if (!hasRole(first.role, "LEARNER")) throw new AuthError("forbidden");
  assertWorkspaceId(workspace);
  const files = rows.flatMap((r) => requesterFile(r) ?? []);
  // JS order, not the database collation's: `ls` sorts bytewise.
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
