// Failures outside the engine's own Status answers: the sandbox gone or busy, or
// Postgres unavailable (a retryable 503 kubectl waits out, not an internal error).

import { SandboxBusyError, SandboxNotFoundError } from "@/lib/db/sandboxes";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { newServiceUnavailable } from "@/lib/sim/apiserver/errors";
import { notFound } from "./not-found";
import { errorResponse, jsonResponse } from "./responses";

/** A failure as the API answers it: the sandbox gone, busy, or its storage down. */
export function failureResponse(err: unknown): Response {
  if (err instanceof SandboxNotFoundError) return notFound();
  if (err instanceof SandboxBusyError) {
    return errorResponse(newServiceUnavailable("the sandbox is busy; retry"));
  }
  if (isDatabaseUnavailable(err)) {
    // Postgres restarting: a retryable 503 (kubectl retries it), not an internal error.
    const status = newServiceUnavailable(
      "the sandbox storage is unavailable; retry shortly",
    ).status;
    return jsonResponse(503, status, { "Retry-After": "5" });
  }
  return errorResponse(err);
}
