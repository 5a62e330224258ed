import { errorText, type ErrorKey } from "@/lib/i18n";

/** A request that failed for a reason with a fixed HTTP status and a Korean message. */
export class HttpError extends Error {
  override readonly name = "HttpError";

  constructor(
    readonly status: number,
    readonly code: ErrorKey,
    readonly params: Record<string, string | number> = {},
    /** Per-field messages (already translated) for form validation errors. */
    readonly fields: Record<string, string> = {},
    /** Sent as Retry-After (429, 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(errorText(code, params));
  }
}
