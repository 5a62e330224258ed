import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { submitAttempt } from "@/lib/quiz/attempts/attempt-service";
import { quizOverview } from "@/lib/quiz/attempts/attempt-view";
import { defaultQuizDeps } from "@/lib/quiz/attempts/deps";
import { noStore, submitSchema, withQuizErrors } from "@/lib/quiz/http";

type Params = { params: Promise<{ id: string }> };

/**
 * POST /api/quiz/attempts/:id/submit {answers?} → grades the attempt and returns
 * the overview with its result. Idempotent: a repeat returns the same result.
 */
export const POST = withQuizErrors(async (request, { params }: Params) => {
  const user = await requireRequestUser(db(), request);
  const { answers } = await parseJsonRequest(request, submitSchema);
  const deps = await defaultQuizDeps();
  const attempt = await submitAttempt(deps, user.id, (await params).id, answers);
  return jsonResponse(await quizOverview(deps, user.id, attempt, { attemptId: attempt.id }), {
    headers: noStore,
  });
});
