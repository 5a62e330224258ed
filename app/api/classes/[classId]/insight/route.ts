import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { withClassErrors } from "@/lib/classes/class-error";
import { classInsight } from "@/lib/classes/insight/class-insight";
import { noStore, parseId } from "@/lib/classes/route-params";
import { db } from "@/lib/db/client";

type Ctx = { params: Promise<{ classId: string }> };

/** GET /api/classes/:classId/insight → check failures, answer distributions, chart series. */
export const GET = withClassErrors(async (request, { params }: Ctx) => {
  const user = await requireRequestUser(db(), request);
  const classId = parseId((await params).classId);
  return jsonResponse(await classInsight(db(), user, classId), { headers: noStore });
});
