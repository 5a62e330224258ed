import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { controlLabSandbox, labControlSchema, withLabErrors } from "@/lib/labs/server";

/**
 * POST /api/labs/:labId/control {action: etcd-stop|etcd-start|power-off|power-on, target}
 * or {action: "fast-forward", seconds} → {sandboxId, message}: the lab's control panel.
 */
export const POST = withLabErrors(
  async (request, { params }: { params: Promise<{ labId: string }> }) => {
    // Who asks comes first: a signed-out request is a 401 whatever its body.
    const user = await requireRequestUser(db(), request);
    const control = await parseJsonRequest(request, labControlSchema, 4096);
    const { labId } = await params;
    return Response.json(await controlLabSandbox(user.id, labId, control), {
      headers: { "cache-control": "no-store" },
    });
  },
);
