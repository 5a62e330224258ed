import { jsonResponse } from "@/lib/http/json-response";
import { withLabErrors } from "@/lib/labs/server";
import { openLabSandbox } from "@/lib/labs/server/lab-open";

/**
 * GET /api/labs/:labId/sandbox → {sandboxId} of the learner's lab sandbox (created on first use).
 * Served by the fast lane in the web workers (server/fast-lane/fast-lane.mjs LANE_ROUTES):
 * it reads only the request's method, URL and headers, and answers through jsonResponse
 * (small: no-transform, as every small API answer). The session's user and the learner's
 * sandbox of the lab are read in one query (lib/labs/server/lab-open.ts).
 */
export const GET = withLabErrors(
  async (request, { params }: { params: Promise<{ labId: string }> }) => {
    const { labId } = await params;
    return jsonResponse({ sandboxId: await openLabSandbox(request, labId) }, { request });
  },
);
