import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { parseJsonRequest } from "@/lib/http/parse-request";
import {
  answerFromOwner,
  bufferRequestBody,
  controlLabSandbox,
  labControlSchema,
  labSandboxId,
  withLabErrors,
} from "@/lib/labs/server";

const BODY_LIMIT = 4096;

/**
 * POST /api/labs/:labId/control {action: etcd-stop|etcd-start|power-off|power-on, target}
 * or {action: "fast-forward", seconds} → {sandboxId, message}: the lab's control panel.
 * Run on the worker that owns the lab sandbox (lib/terminal/sandbox-owner-worker.ts), where
 * the learner's commands keep it decoded.
 */
export const POST = withLabErrors(
  async (request, { params }: { params: Promise<{ labId: string }> }) => {
    // Who asks comes first: a signed-out request is a 401 whatever its body.
    const user = await requireRequestUser(db(), request);
    // Read once: parsed here, and the same bytes go to the owner worker.
    await bufferRequestBody(request, BODY_LIMIT);
    const control = await parseJsonRequest(request, labControlSchema, BODY_LIMIT);
    const { labId } = await params;
    const sandboxId = await labSandboxId(user.id, labId);
    const onOwner = await answerFromOwner(
      request,
      "lab-control",
      sandboxId,
      { labId },
      { bodyLimit: BODY_LIMIT },
    );
    if (onOwner) return onOwner;
    return Response.json(await controlLabSandbox(user.id, labId, control, sandboxId), {
      headers: { "cache-control": "no-store" },
    });
  },
);
