import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { withErrors } from "@/lib/http/route-handler";
import { authorizeSandbox, resetUserSandbox } from "@/lib/terminal";

/** POST /api/sandboxes/:id/reset → {id} of the fresh sandbox that replaces it. */
export const POST = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(request);
  const user = await requireRequestUser(db(), request);
  const { id } = await params;
  await authorizeSandbox(user, id, "write");
  return Response.json(
    { id: await resetUserSandbox(user.id, id) },
    { headers: { "cache-control": "no-store" } },
  );
});
