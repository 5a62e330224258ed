import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { withErrors } from "@/lib/http/route-handler";
import { authorizeSandbox, readHistory } from "@/lib/terminal";

/** GET /api/sandboxes/:id/history → {history: string[]} (oldest first). */
export const GET = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const user = await requireRequestUser(db(), request);
  const { id } = await params;
  await authorizeSandbox(user, id, "read");
  return Response.json(
    { history: await readHistory(id) },
    { headers: { "cache-control": "no-store" } },
  );
});
