import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { withClassErrors } from "@/lib/classes/class-error";
import { classMatrix } from "@/lib/classes/matrix/class-matrix";
import { noStore, parseId } from "@/lib/classes/route-params";
import { db } from "@/lib/db/client";

type Ctx = { params: Promise<{ classId: string }> };

/**
 * GET /api/classes/:classId/matrix → {class, matrix}. The page polls it every few
 * seconds; everything comes from Postgres, so any app instance answers the same.
 */
export const GET = withClassErrors(async (request, { params }: Ctx) => {
  const user = await requireRequestUser(db(), request);
  const classId = parseId((await params).classId);
  const started = performance.now();
  const body = await classMatrix(db(), user, classId);
  return jsonResponse(body, {
    headers: {
      ...noStore,
      "server-timing": `matrix;dur=${(performance.now() - started).toFixed(1)}`,
    },
  });
});
