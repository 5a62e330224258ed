import { z } from "zod";

// A learner's answer to one question, as stored in QuizAnswer.response. Options
// and items are named by their ids in quiz.yaml (stable for instructor views);
// the browser only ever sees per-attempt opaque keys (lib/quiz/client-view.ts).

const id = z.string().min(1).max(64);

export const storedResponseSchema = z.union([
  z.strictObject({ choice: id }),
  z.strictObject({ choices: z.array(id).max(16) }),
  z.strictObject({ order: z.array(id).max(16) }),
  z.strictObject({ text: z.string().max(500) }),
]);

export type StoredResponse = z.infer<typeof storedResponseSchema>;

/** What the browser sends for one question: option keys, or typed text. */
export const clientResponseSchema = z.union([
  z.strictObject({ choice: z.string().max(32) }),
  z.strictObject({ choices: z.array(z.string().max(32)).max(16) }),
  z.strictObject({ order: z.array(z.string().max(32)).max(16) }),
  z.strictObject({ text: z.string().max(500) }),
]);

export type ClientResponse = z.infer<typeof clientResponseSchema>;
