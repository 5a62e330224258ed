import { jsonResponse } from "@/lib/http/json-response";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { DEFAULT_BODY_LIMIT } from "@/lib/http/read-json-body";
import { submitAttemptOverview } from "@/lib/quiz/attempts/attempt-view";
import { defaultQuizDeps, withLearnerSandbox } from "@/lib/quiz/attempts/deps";
import { gradingRequester } from "@/lib/quiz/attempts/quiz-requester";
import { noStore, submitSchema, withQuizErrors } from "@/lib/quiz/http";
import { answerFromOwner, mayForward } from "@/lib/terminal/sandbox-owner-worker";

type Params = { params: Promise<{ id: string }> };

/**
 * POST /api/quiz/attempts/:id/submit {answers?} → grades the attempt and returns
 * the overview with its result. Idempotent: a repeat returns the same result.
 */
export const POST = withQuizErrors(async (request, { params }: Params) => {
  const { id } = await params;
  // One query: the user's row (401/403), the attempt if it is theirs with its saved
  // answers, and their free sandbox.
  const { userId, found, freeSandboxId } = await gradingRequester(request, id);
  // Cluster questions are graded against the learner's free sandbox: on the worker that owns
  // it (lib/terminal/sandbox-owner-worker.ts), where their commands keep it decoded, not
  // loaded a second time here. Without one yet, it is created here (and owned by this worker).
  if (freeSandboxId && mayForward(request)) {
    const onOwner = await answerFromOwner(
      request,
      "quiz-submit",
      freeSandboxId,
      { id },
      {
        bodyLimit: DEFAULT_BODY_LIMIT,
      },
    );
    if (onOwner) return onOwner;
  }
  const { answers } = await parseJsonRequest(request, submitSchema);
  const base = await defaultQuizDeps();
  const deps = freeSandboxId ? withLearnerSandbox(base, userId, freeSandboxId) : base;
  return jsonResponse(
    await submitAttemptOverview(deps, userId, id, answers, Promise.resolve(found)),
    { headers: noStore },
  );
});
