import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { publicLabView, withLabErrors } from "@/lib/labs/server";

/** GET /api/labs/:labId → the lab as this learner sees it (no solutions, no expected values). */
export const GET = withLabErrors(
  async (request, { params }: { params: Promise<{ labId: string }> }) => {
    const user = await requireRequestUser(db(), request);
    const { labId } = await params;
    return Response.json(await publicLabView(user.id, labId), {
      headers: { "cache-control": "no-store" },
    });
  },
);
