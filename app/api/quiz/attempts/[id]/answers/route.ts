import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { saveAnswers } from "@/lib/quiz/attempts/attempt-service";
import { defaultQuizDeps } from "@/lib/quiz/attempts/deps";
import { noStore, saveAnswersSchema, withQuizErrors } from "@/lib/quiz/http";

type Params = { params: Promise<{ id: string }> };

/** PUT /api/quiz/attempts/:id/answers {answers: [{questionKey, response}]} → saves them. */
export const PUT = withQuizErrors(async (request, { params }: Params) => {
  const user = await requireRequestUser(db(), request);
  const { answers } = await parseJsonRequest(request, saveAnswersSchema);
  const deps = await defaultQuizDeps();
  await saveAnswers(deps, user.id, (await params).id, answers);
  return jsonResponse({ saved: answers.length }, { headers: noStore });
});
