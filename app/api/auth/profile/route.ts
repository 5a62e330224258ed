import { jsonResponse } from "@/lib/http/json-response";
import { db } from "@/lib/db/client";
import { changeName } from "@/lib/auth/profile";
import { requireRequestUser } from "@/lib/auth/request-user";
import { changeNameSchema } from "@/lib/auth/schemas";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { withErrors } from "@/lib/http/route-handler";

// Own profile: change the display name.
export const PATCH = withErrors(async (request) => {
  const user = await requireRequestUser(db(), request);
  const { name } = await parseJsonRequest(request, changeNameSchema);
  await changeName(db(), user.id, name);
  return jsonResponse({ name });
});
