import { z } from "zod";

// Ids appear in URLs and in the database; keep them short, lowercase and stable.
export const contentId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case: lowercase letters, digits and '-'");

/** content/<course>/course.yaml */
export const courseSchema = z.strictObject({
  id: contentId,
  title: z.string().min(1),
  description: z.string().min(1),
});

export type CourseMeta = z.infer<typeof courseSchema>;
