import { jsonResponse } from "@/lib/http/json-response";
import { db } from "@/lib/db/client";
import { requireRequestUser } from "@/lib/auth/request-user";
import { listUsers } from "@/lib/auth/user-admin";
import { withErrors } from "@/lib/http/route-handler";

export const GET = withErrors(async (request) => {
  await requireRequestUser(db(), request, "ADMIN");
  return jsonResponse(
    { users: await listUsers(db()) },
    { headers: { "cache-control": "no-store" } },
  );
});
