// The lab page's server render (app/labs/[labId]/page.tsx): the session's user row -
// re-read on every request, as requireRequestUser reads it, so a deleted user or a
// signed-out session goes to sign-in at once - with what the page shows of the learner
// (their sandbox of the lab, the tasks they passed, the hints they opened) in ONE named
// query, instead of the session's read and then three (findLabSandbox, and Prisma's
// task passes and hint reveals).

import { sessionSubject } from "@/lib/auth/request-user";
import { sessionNotRevokedSql } from "@/lib/auth/session-revocation-sql";
import { pool } from "@/lib/db/sandboxes/pool";

// $1 the session's user, $2 its session id, $3 the lab. No row: the user is gone or the
// session signed out. The pass times are UTC without a zone (as Prisma writes them): read
// as timestamptz, so that JSON carries the offset and Date parses them exactly.
const LAB_PAGE = `SELECT
    (SELECT s."id" FROM "Sandbox" s WHERE s."ownerId" = u."id" AND s."labId" = $3) AS "sandboxId",
    (SELECT json_agg(json_build_object('taskId', p."taskId",
                                       'at', p."firstPassedAt" AT TIME ZONE 'UTC'))
       FROM "LabTaskPass" p WHERE p."userId" = u."id" AND p."labId" = $3) AS "passes",
    (SELECT json_agg(json_build_object('taskId', h."taskId", 'revealed', h."revealed"))
       FROM "LabHintReveal" h WHERE h."userId" = u."id" AND h."labId" = $3) AS "hints"
  FROM "User" u WHERE u."id" = $1 AND ${sessionNotRevokedSql("$2")}`;

export interface LabPageRows {
  userId: string;
  /** The learner's sandbox of the lab (null: none yet). */
  sandboxId: string | null;
  /** taskPasses's answer: task → first pass. */
  passes: Map<string, Date>;
  /** revealedHints's answer: task → hints opened. */
  hints: Map<string, number>;
}

/**
 * The signed-in user's rows for the lab page, or null without a live session or user
 * (the page sends them to sign-in). Every role may open a lab page (requireUser's rule).
 */
export async function labPageRows(
  request: Pick<Request, "headers">,
  labId: string,
): Promise<LabPageRows | null> {
  const session = await sessionSubject(request);
  if (!session) return null;
  const { rows } = await pool().query<{
    sandboxId: string | null;
    passes: { taskId: string; at: string }[] | null;
    hints: { taskId: string; revealed: number }[] | null;
  }>({ name: "kubelab_lab_page", text: LAB_PAGE, values: [session.sub, session.sid, labId] });
  const row = rows[0];
  if (!row) return null;
  return {
    userId: session.sub,
    sandboxId: row.sandboxId,
    passes: new Map((row.passes ?? []).map((p) => [p.taskId, new Date(p.at)])),
    hints: new Map((row.hints ?? []).map((h) => [h.taskId, h.revealed])),
  };
}
