import { jsonResponse } from "@/lib/http/json-response";
import { db } from "@/lib/db/client";
import { signUpSchema } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { withErrors } from "@/lib/http/route-handler";

export const POST = withErrors(async (request) => {
  const input = await parseJsonRequest(request, signUpSchema);
  const user = await signUp(db(), input);
  return jsonResponse({ user }, { status: 201 });
});
