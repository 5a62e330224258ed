import { jsonResponse } from "@/lib/http/json-response";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { saveAnswers } from "@/lib/quiz/attempts/attempt-service";
import { defaultQuizDeps } from "@/lib/quiz/attempts/deps";
import { attemptRequester } from "@/lib/quiz/attempts/quiz-requester";
import { noStore, saveAnswersSchema, withQuizErrors } from "@/lib/quiz/http";

type Params = { params: Promise<{ id: string }> };

/** PUT /api/quiz/attempts/:id/answers {answers: [{questionKey, response}]} → saves them. */
export const PUT = withQuizErrors(async (request, { params }: Params) => {
  const { id } = await params;
  // The user's row and the attempt (if it is theirs) in one query: 401/403, then the body.
  const { userId, attempt } = await attemptRequester(request, id);
  const { answers } = await parseJsonRequest(request, saveAnswersSchema);
  const deps = await defaultQuizDeps();
  await saveAnswers(deps, userId, id, answers, Promise.resolve(attempt));
  return jsonResponse({ saved: answers.length }, { headers: noStore });
});
