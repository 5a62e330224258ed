import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { resetLabSandbox, withLabErrors } from "@/lib/labs/server";

/** POST /api/labs/:labId/reset → {sandboxId} of a fresh sandbox at the lab's start (the UI confirms first). */
export const POST = withLabErrors(
  async (request, { params }: { params: Promise<{ labId: string }> }) => {
    assertSameOrigin(request);
    const user = await requireRequestUser(db(), request);
    const { labId } = await params;
    return Response.json(
      { sandboxId: await resetLabSandbox(user.id, labId) },
      { headers: { "cache-control": "no-store" } },
    );
  },
);
