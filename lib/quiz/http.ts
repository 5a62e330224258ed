import { z } from "zod";
import { domainErrorResponse, withErrors } from "@/lib/http/route-handler";
import { contentId } from "@/lib/content/schema/course-schema";
import { clientResponseSchema } from "./responses";
import { QuizError } from "./quiz-error";

// The quiz routes' shared front door: request schemas and the one place a
// QuizError becomes an HTTP answer ({ error: { code, message } }, Korean message).

export const sessionRefSchema = z.strictObject({ courseId: contentId, sessionId: contentId });

const answerInput = z.strictObject({
  questionKey: z.string().min(1).max(32),
  response: clientResponseSchema,
});

export const saveAnswersSchema = z.strictObject({ answers: z.array(answerInput).min(1).max(64) });
export const submitSchema = z.strictObject({ answers: z.array(answerInput).max(64).default([]) });

export const noStore = { "cache-control": "no-store" };

export function withQuizErrors<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Promise<Response>,
): (request: Request, ...args: Args) => Promise<Response> {
  return withErrors(handler, (error) =>
    error instanceof QuizError
      ? domainErrorResponse(error.status, error.code, error.message)
      : undefined,
  );
}
