// PUT /api/workspace/:workspace/:file, the editor's autosave (every few seconds while a
// learner types): the session's user row - re-read on every request, as requireRequestUser
// reads it, so a deleted user or a signed-out session gets 401 at once - and the overwrite
// of the file in ONE named statement on the sandboxes' pool. Through Prisma an autosave
// was the user's query, then a transaction (BEGIN, advisory lock, the file's row, the
// upsert, COMMIT). The lock guards the per-workspace file count, which an overwrite does
// not change: only a new file (no row updated) takes saveWorkspaceFile's locked path.

import { AuthError } from "@/lib/auth/auth-error";
import { sessionSubject } from "@/lib/auth/request-user";
import { hasRole, ROLES, type Role } from "@/lib/auth/roles";
import { sessionNotRevokedSql } from "@/lib/auth/session-revocation-sql";
import { pool } from "@/lib/db/sandboxes/pool";
import { assertContentSize, assertWorkspaceId, normalizeWorkspacePath } from "./file-path";
import { requesterFile, type RequesterFileRow } from "./requester-file-row";
import { saveWorkspaceFile, type WorkspaceFileData } from "./workspace-files";

/** The roles the route admits (requireRequestUser's default, LEARNER and above). */
const ADMITTED: Role[] = ROLES.filter((r) => hasRole(r, "LEARNER"));

// $1 the session's user, $2 its session id, $3 the workspace, $4 the file's name, $5 its
// content, $6 the time (ISO, UTC; the column holds UTC without a zone, as Prisma writes
// it), $7 whether to write (false: the request failed a check, only the user is read),
// $8 the admitted roles. No row: the user is gone or the session signed out (401). Else
// the user's role, and the file as written (NULLs: no such file, or not written).
const SAVE = `WITH u AS (
    SELECT "id", "role" FROM "User" WHERE "id" = $1 AND ${sessionNotRevokedSql("$2")}
  ), f AS (
    UPDATE "WorkspaceFile" w
       SET "content" = $5, "updatedAt" = $6::timestamptz AT TIME ZONE 'UTC'
      FROM u
     WHERE $7 AND u."role"::text = ANY($8::text[])
       AND w."userId" = u."id" AND w."workspace" = $3 AND w."path" = $4
    RETURNING w."path", w."content", w."updatedAt" AT TIME ZONE 'UTC' AS "updatedAt"
  )
  SELECT u."role", f."path", f."content", f."updatedAt" FROM u LEFT JOIN f ON true`;

type Checked = { ok: true; name: string; content: string } | { ok: false; error: unknown };

/**
 * Saves the signed-in learner's file. Checks in the route's former order: 401 without a
 * live session or user, 403 below LEARNER, then `body`'s errors (the caller's
 * parseJsonRequest: 403 cross-site, 415, 413, 400), then the workspace, the name and the
 * size (WorkspaceError), then - for a new file only - the file count.
 * `body` is the parsed body or a function throwing its error; `rawName` the path segment.
 */
export async function saveRequesterFile(
  request: Request,
  workspace: string,
  rawName: string,
  body: () => { content: string },
): Promise<WorkspaceFileData> {
  const session = await sessionSubject(request);
  if (!session) throw new AuthError("unauthenticated");
  // Checked before the statement, so that it writes only a valid save; thrown after the
  // user's checks, in the order the route used to meet them.
  let checked: Checked;
  try {
    const { content } = body();
    const path = decodeURIComponent(rawName);
    assertWorkspaceId(workspace);
    const name = normalizeWorkspacePath(path);
    assertContentSize(content);
    checked = { ok: true, name, content };
  } catch (error) {
    checked = { ok: false, error };
  }
  const { rows } = await pool().query<RequesterFileRow>({
    name: "kubelab_workspace_save",
    text: SAVE,
    values: [
      session.sub,
      session.sid,
      workspace,
      checked.ok ? checked.name : "",
      checked.ok ? checked.content : "",
      new Date().toISOString(),
      checked.ok,
      ADMITTED,
    ],
  });
  const row = rows[0];
  if (!row) throw new AuthError("unauthenticated");
  if (!hasRole(row.role, "LEARNER")) throw new AuthError("forbidden");
  if (!checked.ok) throw checked.error;
  const written = requesterFile(row);
  if (written) return written;
  // No such file yet: created under the workspace's lock, within its file count.
  return saveWorkspaceFile(session.sub, workspace, checked.name, checked.content);
}
