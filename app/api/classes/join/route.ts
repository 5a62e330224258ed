import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { withClassErrors } from "@/lib/classes/class-error";
import { joinClass } from "@/lib/classes/class-service";
import { noStore } from "@/lib/classes/route-params";
import { joinClassSchema } from "@/lib/classes/schemas";
import { db } from "@/lib/db/client";
import { parseJsonRequest } from "@/lib/http/parse-request";

/** POST /api/classes/join {code} → {class}: the signed-in user joins as a learner. */
export const POST = withClassErrors(async (request) => {
  const user = await requireRequestUser(db(), request);
  const { code } = await parseJsonRequest(request, joinClassSchema);
  return jsonResponse({ class: await joinClass(db(), user, code) }, { headers: noStore });
});
