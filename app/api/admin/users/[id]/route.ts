import { jsonResponse } from "@/lib/http/json-response";
import { db } from "@/lib/db/client";
import { requireRequestUser } from "@/lib/auth/request-user";
import { changeRoleSchema } from "@/lib/auth/schemas";
import { changeUserRole } from "@/lib/auth/user-admin";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { withErrors } from "@/lib/http/route-handler";

// Change one user's role (ADMIN only).
export const PATCH = withErrors(
  async (request: Request, context: { params: Promise<{ id: string }> }) => {
    const admin = await requireRequestUser(db(), request, "ADMIN");
    const { role } = await parseJsonRequest(request, changeRoleSchema);
    const { id } = await context.params;
    const user = await changeUserRole(db(), admin.id, id, role);
    return jsonResponse({ user });
  },
);
