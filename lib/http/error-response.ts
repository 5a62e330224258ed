import { AuthError } from "@/lib/auth/auth-error";
import { errorText, rateLimitedText, SERVER_TIME_ZONE, type ErrorKey } from "@/lib/i18n";
import { errorLine } from "@/lib/db/error-line";
import { isDatabaseBusy, isDatabaseUnavailable } from "@/lib/db/unavailable";
import { HttpError } from "./http-error";
import { jsonResponse } from "./json-response";

// The one place where thrown errors become HTTP responses. Body shape:
// { error: { code, message, fields?, retryAt? } } — messages in Korean, never a stack.

const AUTH_STATUS: Record<AuthError["code"], number> = {
  emailTaken: 409,
  invalidCredentials: 401,
  rateLimited: 429,
  currentPasswordWrong: 400,
  cannotDemoteSelf: 409,
  lastAdmin: 409,
  userNotFound: 404,
  unauthenticated: 401,
  forbidden: 403,
};

export interface ErrorBody {
  error: {
    code: ErrorKey;
    message: string;
    fields?: Record<string, string>;
    retryAt?: string;
  };
}

function json(status: number, body: ErrorBody, headers: Record<string, string> = {}): Response {
  return jsonResponse(body, { status, headers });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof HttpError) {
    const fields = Object.keys(error.fields).length ? error.fields : undefined;
    const retry =
      error.retryAfterSeconds !== undefined
        ? { "retry-after": String(error.retryAfterSeconds) }
        : undefined;
    return json(
      error.status,
      { error: { code: error.code, message: error.message, fields } },
      retry,
    );
  }
  if (error instanceof AuthError) {
    const status = AUTH_STATUS[error.code];
    if (error.code === "rateLimited" && error.retryAt) {
      const now = new Date();
      const seconds = Math.max(1, Math.ceil((error.retryAt.getTime() - now.getTime()) / 1000));
      const message = rateLimitedText(error.retryAt, now, SERVER_TIME_ZONE);
      return json(
        status,
        { error: { code: error.code, message, retryAt: error.retryAt.toISOString() } },
        { "retry-after": String(seconds) },
      );
    }
    return json(status, { error: { code: error.code, message: errorText(error.code) } });
  }
  if (isDatabaseUnavailable(error)) {
    // A Postgres restart or failover: nothing was committed; the client may simply retry.
    console.warn("Database unavailable:", errorLine(error));
    return json(
      503,
      { error: { code: "databaseUnavailable", message: errorText("databaseUnavailable") } },
      { "retry-after": "5" },
    );
  }
  if (isDatabaseBusy(error)) {
    // Overload: a transaction or lock wait timed out and was rolled back; retrying is safe.
    console.warn("Database busy:", errorLine(error));
    return json(
      503,
      { error: { code: "databaseBusy", message: errorText("databaseBusy") } },
      { "retry-after": "2" },
    );
  }
  // Unexpected: log for operators, answer without internals.
  console.error("Unhandled error in route handler", error);
  return json(500, { error: { code: "internal", message: errorText("internal") } });
}
