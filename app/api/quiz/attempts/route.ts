import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { parseJsonRequest, validationError } from "@/lib/http/parse-request";
import { quizOverview, startAttemptOverview } from "@/lib/quiz/attempts/attempt-view";
import { defaultQuizDeps } from "@/lib/quiz/attempts/deps";
import { noStore, sessionRefSchema, withQuizErrors } from "@/lib/quiz/http";

/** GET /api/quiz/attempts?courseId=…&sessionId=… → the signed-in learner's quiz overview. */
export const GET = withQuizErrors(async (request) => {
  const user = await requireRequestUser(db(), request);
  const params = new URL(request.url).searchParams;
  const ref = sessionRefSchema.safeParse({
    courseId: params.get("courseId") ?? "",
    sessionId: params.get("sessionId") ?? "",
  });
  if (!ref.success) throw validationError(ref.error);
  return jsonResponse(await quizOverview(await defaultQuizDeps(), user.id, ref.data), {
    headers: noStore,
  });
});

/** POST /api/quiz/attempts {courseId, sessionId} → starts an attempt (or returns the open one). */
export const POST = withQuizErrors(async (request) => {
  const user = await requireRequestUser(db(), request);
  const ref = await parseJsonRequest(request, sessionRefSchema);
  const deps = await defaultQuizDeps();
  return jsonResponse(await startAttemptOverview(deps, user.id, ref), {
    status: 201,
    headers: noStore,
  });
});
