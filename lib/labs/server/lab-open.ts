// The lab page's open (GET /api/labs/:labId/sandbox), which a whole class sends at the
// same minute: the session's user row (re-read on every request, as requireRequestUser
// reads it) and the learner's sandbox of the lab in ONE query, instead of the user's
// query and then findLabSandbox's. An open of an existing sandbox is then one statement,
// a new one two (this and the insert).

import { AuthError } from "@/lib/auth/auth-error";
import { sessionSubject } from "@/lib/auth/request-user";
import { hasRole, type Role } from "@/lib/auth/roles";
import { sessionNotRevokedSql } from "@/lib/auth/session-revocation-sql";
import { pool } from "@/lib/db/sandboxes/pool";
import { labSandbox } from "./lab-sandbox";

// Parameters: $1 the session's user, $2 its session id, $3 the lab. No row: the user is
// gone or the session signed out (401), as getRequestUser's query decides.
const LAB_OPEN = `SELECT u."role",
    (SELECT s."id" FROM "Sandbox" s WHERE s."ownerId" = u."id" AND s."labId" = $3) AS "sandboxId"
  FROM "User" u WHERE u."id" = $1 AND ${sessionNotRevokedSql("$2")}`;

/**
 * The signed-in user (checked as requireRequestUser checks it: 401 without a live session
 * or user, 403 below `role`) and their sandbox of this lab (null: none yet), in one query.
 * Also 채점's front door (app/api/labs/[labId]/check), which needs the same two.
 */
export async function labRequester(
  request: Request,
  labId: string,
  role: Role = "LEARNER",
): Promise<{ userId: string; sandboxId: string | null }> {
  const session = await sessionSubject(request);
  if (!session) throw new AuthError("unauthenticated");
  const { rows } = await pool().query<{ role: Role; sandboxId: string | null }>({
    name: "kubelab_lab_open",
    text: LAB_OPEN,
    values: [session.sub, session.sid, labId],
  });
  const row = rows[0];
  if (!row) throw new AuthError("unauthenticated");
  if (!hasRole(row.role, role)) throw new AuthError("forbidden");
  return { userId: session.sub, sandboxId: row.sandboxId };
}

/**
 * The signed-in learner's sandbox of this lab, created at the lab's start on first use.
 * 401 without a live session or user, 403 below `role`, then 404 for an unknown lab
 * (LabError), in the order the route checked them before.
 */
export async function openLabSandbox(
  request: Request,
  labId: string,
  role: Role = "LEARNER",
): Promise<string> {
  const { userId, sandboxId } = await labRequester(request, labId, role);
  return labSandbox(userId, labId, sandboxId);
}
