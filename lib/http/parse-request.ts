import type { z } from "zod";
import { errorText, isErrorKey } from "@/lib/i18n";
import { HttpError } from "./http-error";
import { DEFAULT_BODY_LIMIT, readJsonBody } from "./read-json-body";
import { assertSameOrigin } from "./same-origin";

/** Turns zod issues (whose messages are i18n keys) into one Korean message per field. */
export function validationError(error: z.ZodError): HttpError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".") || "_";
    fields[field] ??= isErrorKey(issue.message)
      ? errorText(issue.message)
      : errorText("invalidInput");
  }
  return new HttpError(400, "invalidInput", {}, fields);
}

/**
 * The standard front door of a state-changing JSON route: same-origin check,
 * bounded body, zod validation. Throws HttpError; routes pass it to errorResponse.
 */
export async function parseJsonRequest<S extends z.ZodType>(
  request: Request,
  schema: S,
  limit = DEFAULT_BODY_LIMIT,
): Promise<z.output<S>> {
  assertSameOrigin(request);
  const body = await readJsonBody(request, limit);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
