// HTTP responses in kube-apiserver's shape: JSON bodies, Status objects for
// errors (with the code as the HTTP status), `Warning: 299` headers.

import type { Status } from "@/lib/sim";
import { toStatus } from "@/lib/sim/apiserver/errors";

export function jsonResponse(
  code: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: code,
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": "no-cache, private",
      ...headers,
    },
  });
}

export function statusResponse(status: Status): Response {
  // kube-apiserver's ErrorNegotiated: a Status with a retry period also says so in
  // Retry-After, which client-go honours before retrying.
  const retry = status.details?.retryAfterSeconds;
  return jsonResponse(
    status.code,
    status,
    retry && retry > 0 ? { "Retry-After": String(retry) } : {},
  );
}

export function errorResponse(err: unknown): Response {
  return statusResponse(toStatus(err));
}

export function warningHeaders(warnings: readonly string[] | undefined): Headers {
  const h = new Headers();
  for (const w of warnings ?? []) h.append("Warning", `299 - ${JSON.stringify(w)}`);
  return h;
}
