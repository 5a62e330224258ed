// Route parameters of app/api/classes/**: a malformed id is simply not found.

import { ClassError, type ClassErrorCode } from "./class-error";
import { idSchema } from "./schemas";

export function parseId(value: string, notFound: ClassErrorCode = "classNotFound"): string {
  const parsed = idSchema.safeParse(value);
  if (!parsed.success) throw new ClassError(notFound);
  return parsed.data;
}

export const noStore = { "cache-control": "no-store" } as const;
