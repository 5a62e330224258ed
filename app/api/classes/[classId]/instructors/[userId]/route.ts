import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { withClassErrors } from "@/lib/classes/class-error";
import { removeInstructor } from "@/lib/classes/class-service";
import { noStore, parseId } from "@/lib/classes/route-params";
import { db } from "@/lib/db/client";
import { assertSameOrigin } from "@/lib/http/same-origin";

type Ctx = { params: Promise<{ classId: string; userId: string }> };

/** DELETE /api/classes/:classId/instructors/:userId → {class}: an admin removes a co-instructor. */
export const DELETE = withClassErrors(async (request, { params }: Ctx) => {
  assertSameOrigin(request);
  const user = await requireRequestUser(db(), request, "ADMIN");
  const p = await params;
  const cls = await removeInstructor(db(), user, parseId(p.classId), parseId(p.userId));
  return jsonResponse({ class: cls }, { headers: noStore });
});
