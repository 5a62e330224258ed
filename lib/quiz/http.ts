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

/** A promise's outcome, kept to be taken (its value, or its error thrown) later. */
export interface Settled<T> {
  /** The value, when it fulfilled. */
  value?: T;
  /** The value, or the rejection's error thrown. */
  take(): T;
}

/**
 * Waits for `promise` without throwing: the quiz routes parse the body first (the start
 * needs its course and session for the query that also re-reads the user), yet answer
 * the session's 401/403 before the body's 403/400, in requireRequestUser's order.
 */
export async function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    const value = await promise;
    return { value, take: () => value };
  } catch (error) {
    return {
      take: () => {
        throw error;
      },
    };
  }
}

export function withQuizErrors<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Promise<Response>,
): (request: Request, ...args: Args) => Promise<Response> {
  return withErrors(handler, (error) =>
    error instanceof QuizError
      ? domainErrorResponse(error.status, error.code, error.message)
      : undefined,
  );
}
