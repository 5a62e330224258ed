import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { DEFAULT_BODY_LIMIT } from "@/lib/http/read-json-body";
import { submitAttemptOverview } from "@/lib/quiz/attempts/attempt-view";
import { defaultQuizDeps } from "@/lib/quiz/attempts/deps";
import { noStore, submitSchema, withQuizErrors } from "@/lib/quiz/http";
import { answerFromOwner, mayForward } from "@/lib/terminal/sandbox-owner-worker";

type Params = { params: Promise<{ id: string }> };

/**
 * POST /api/quiz/attempts/:id/submit {answers?} → grades the attempt and returns
 * the overview with its result. Idempotent: a repeat returns the same result.
 */
export const POST = withQuizErrors(async (request, { params }: Params) => {
  const user = await requireRequestUser(db(), request);
  // Cluster questions are graded against the learner's free sandbox: on the worker that owns
  // it (lib/terminal/sandbox-owner-worker.ts), where their commands keep it decoded, not
  // loaded a second time here. Without one yet, it is created here (and owned by this worker).
  const sandboxId = mayForward(request)
    ? await (await import("@/lib/terminal/user-sandbox")).findUserSandbox(user.id)
    : undefined;
  if (sandboxId) {
    const { id } = await params;
    const onOwner = await answerFromOwner(
      request,
      "quiz-submit",
      sandboxId,
      { id },
      {
        bodyLimit: DEFAULT_BODY_LIMIT,
      },
    );
    if (onOwner) return onOwner;
  }
  const { answers } = await parseJsonRequest(request, submitSchema);
  const deps = await defaultQuizDeps();
  return jsonResponse(await submitAttemptOverview(deps, user.id, (await params).id, answers), {
    headers: noStore,
  });
});
