import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { requireClassInstructor } from "@/lib/classes/access";
import { listActions } from "@/lib/classes/audit";
import { withClassErrors } from "@/lib/classes/class-error";
import { noStore, parseId } from "@/lib/classes/route-params";
import { db } from "@/lib/db/client";

type Ctx = { params: Promise<{ classId: string }> };

/** GET /api/classes/:classId/actions → {actions}: who did what to the class, newest first. */
export const GET = withClassErrors(async (request, { params }: Ctx) => {
  const user = await requireRequestUser(db(), request);
  const classId = parseId((await params).classId);
  await requireClassInstructor(db(), user, classId);
  return jsonResponse({ actions: await listActions(db(), classId) }, { headers: noStore });
});
