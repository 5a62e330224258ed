import { z } from "zod";
import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { revealNextHint, withLabErrors } from "@/lib/labs/server";

const hintSchema = z.strictObject({ taskId: z.string().min(1).max(100) });

/** POST /api/labs/:labId/hints {taskId} → {taskId, hints (revealed so far), remaining}. */
export const POST = withLabErrors(
  async (request, { params }: { params: Promise<{ labId: string }> }) => {
    // Who asks comes first: a signed-out request is a 401 whatever its body.
    const user = await requireRequestUser(db(), request);
    const { taskId } = await parseJsonRequest(request, hintSchema, 4096);
    const { labId } = await params;
    return Response.json(await revealNextHint(user.id, labId, taskId), {
      headers: { "cache-control": "no-store" },
    });
  },
);
