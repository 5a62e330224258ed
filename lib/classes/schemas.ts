import { z } from "zod";

// Input of the classes API. Messages are i18n error keys (lib/http turns them into Korean).
export const createClassSchema = z.object({
  name: z.string().trim().min(1, "invalidInput").max(100, "invalidInput"),
  term: z.string().trim().min(1, "invalidInput").max(50, "invalidInput"),
  courseId: z.string().trim().min(1).max(100).optional(),
});
export type CreateClassInput = z.output<typeof createClassSchema>;

export const joinClassSchema = z.object({ code: z.string().max(40, "invalidInput") });

export const addInstructorSchema = z.object({
  email: z.string().trim().toLowerCase().email("emailInvalid").max(254, "emailTooLong"),
});

export const pushLabSchema = z.object({ labId: z.string().min(1).max(100) });

/** Route parameters are ids we made (cuid) or user ids: bounded, URL-safe. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const resetSandboxSchema = z.object({
  sandboxId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});
