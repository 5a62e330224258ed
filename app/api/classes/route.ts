import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { withClassErrors } from "@/lib/classes/class-error";
import { createClass, listJoinedClasses, listTaughtClasses } from "@/lib/classes/class-service";
import { noStore } from "@/lib/classes/route-params";
import { createClassSchema } from "@/lib/classes/schemas";
import { db } from "@/lib/db/client";
import { parseJsonRequest } from "@/lib/http/parse-request";

/** GET /api/classes → {taught, joined}: classes the user teaches and classes they joined. */
export const GET = withClassErrors(async (request) => {
  const user = await requireRequestUser(db(), request);
  const [taught, joined] = await Promise.all([
    listTaughtClasses(db(), user),
    listJoinedClasses(db(), user.id),
  ]);
  return jsonResponse({ taught, joined }, { headers: noStore });
});

/** POST /api/classes {name, term, courseId?} → {class} (instructors and admins). */
export const POST = withClassErrors(async (request) => {
  const user = await requireRequestUser(db(), request, "INSTRUCTOR");
  const input = await parseJsonRequest(request, createClassSchema);
  return jsonResponse(
    { class: await createClass(db(), user, input) },
    { status: 201, headers: noStore },
  );
});
