import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { jsonResponse } from "@/lib/http/json-response";
import { labSandbox, withLabErrors } from "@/lib/labs/server";

/**
 * GET /api/labs/:labId/sandbox → {sandboxId} of the learner's lab sandbox (created on first use).
 * Served by the fast lane in the web workers (server/fast-lane/fast-lane.mjs LANE_ROUTES):
 * it reads only the request's method, URL and headers, and answers through jsonResponse
 * (small: no-transform, as every small API answer).
 */
export const GET = withLabErrors(
  async (request, { params }: { params: Promise<{ labId: string }> }) => {
    const user = await requireRequestUser(db(), request);
    const { labId } = await params;
    return jsonResponse({ sandboxId: await labSandbox(user.id, labId) }, { request });
  },
);
