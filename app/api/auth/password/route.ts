import { db } from "@/lib/db/client";
import { changePassword } from "@/lib/auth/profile";
import { requireRequestUser } from "@/lib/auth/request-user";
import { changePasswordSchema } from "@/lib/auth/schemas";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { withErrors } from "@/lib/http/route-handler";

// Own password: requires the current one.
export const POST = withErrors(async (request) => {
  const user = await requireRequestUser(db(), request);
  const input = await parseJsonRequest(request, changePasswordSchema);
  await changePassword(db(), user.id, input);
  return new Response(null, { status: 204 });
});
