import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { withErrors } from "@/lib/http/route-handler";
import { userSandbox } from "@/lib/terminal";

/** GET /api/sandboxes → { id } of the signed-in learner's sandbox (created on first use). */
export const GET = withErrors(async (request) => {
  const user = await requireRequestUser(db(), request);
  return jsonResponse({ id: await userSandbox(user.id) });
});
