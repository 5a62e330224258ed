import { jsonResponse } from "@/lib/http/json-response";
import { parseJsonRequest, validationError } from "@/lib/http/parse-request";
import { quizOverviewListed, startAttemptOverview } from "@/lib/quiz/attempts/attempt-view";
import { defaultQuizDeps } from "@/lib/quiz/attempts/deps";
import { attemptsRequester } from "@/lib/quiz/attempts/quiz-requester";
import { noStore, sessionRefSchema, settled, withQuizErrors } from "@/lib/quiz/http";

/** GET /api/quiz/attempts?courseId=…&sessionId=… → the signed-in learner's quiz overview. */
export const GET = withQuizErrors(async (request) => {
  const params = new URL(request.url).searchParams;
  const ref = sessionRefSchema.safeParse({
    courseId: params.get("courseId") ?? "",
    sessionId: params.get("sessionId") ?? "",
  });
  // The user's row and their attempts at the quiz in one query; the session's 401/403 first.
  const { userId, attempts } = await attemptsRequester(request, ref.success ? ref.data : null);
  if (!ref.success) throw validationError(ref.error);
  return jsonResponse(
    await quizOverviewListed(await defaultQuizDeps(), userId, ref.data, attempts),
    {
      headers: noStore,
    },
  );
});

/** POST /api/quiz/attempts {courseId, sessionId} → starts an attempt (or returns the open one). */
export const POST = withQuizErrors(async (request) => {
  const body = await settled(parseJsonRequest(request, sessionRefSchema));
  // The user's row and their attempts at the quiz in one query; the session's 401/403
  // before the body's 403/400.
  const { userId, attempts } = await attemptsRequester(request, body.value ?? null);
  const ref = body.take();
  const deps = await defaultQuizDeps();
  return jsonResponse(await startAttemptOverview(deps, userId, ref, attempts), {
    status: 201,
    headers: noStore,
  });
});
