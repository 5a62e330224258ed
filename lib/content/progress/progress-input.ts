import { z } from "zod";

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "invalidInput")
  .max(100, "invalidInput");

export const sessionQuerySchema = z.strictObject({ courseId: id, sessionId: id });

/** Body of POST /api/progress: mark a section read (default) or unread. */
export const progressUpdateSchema = z.strictObject({
  courseId: id,
  sessionId: id,
  sectionId: id,
  read: z.boolean().default(true),
});

export type ProgressUpdate = z.output<typeof progressUpdateSchema>;
