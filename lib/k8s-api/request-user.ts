// Who a request to a sandbox's API is: the bearer token (a kubeconfig token of this
// sandbox), the sandbox's request budget, then impersonation. Shared by the REST
// routes (serve.ts) and the exec/attach/port-forward upgrades (lib/k8s-api/exec).

import { findKubeToken } from "@/lib/db/kube-tokens";
import { sandboxBuckets } from "@/lib/http/token-bucket";
import type { Status, UserInfo } from "@/lib/sim";
import { ApiError, newUnauthorized } from "@/lib/sim/apiserver/errors";
import { failureResponse } from "./failure-response";
import { impersonate, wantsImpersonation } from "./impersonation";
import { notFound } from "./not-found";
import { errorResponse, jsonResponse, statusResponse } from "./responses";
import { sandboxState } from "./sandbox-view";
import type { ServeOptions } from "./serve-options";

function bearer(header: string | null): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m?.[1];
}

/** Which user a request is, or the Response that refuses it. */
async function authenticate(request: Request, sandboxId: string): Promise<UserInfo | Response> {
  const token = bearer(request.headers.get("authorization"));
  const owner = token ? await findKubeToken(token) : undefined;
  if (!owner) return statusResponse(newUnauthorized("Unauthorized").status);
  // A token of another sandbox learns nothing, not even that this sandbox exists.
  if (owner.sandboxId !== sandboxId) return notFound();
  return { username: owner.username, groups: owner.groups };
}

function isLongRunning(request: Request): boolean {
  const q = new URL(request.url).searchParams;
  const on = (name: string) => q.get(name) === "true" || q.get(name) === "1";
  return on("watch") || on("follow") || /\/watch\//.test(new URL(request.url).pathname);
}

/**
 * kube-apiserver's max-in-flight answer (apierrors.NewTooManyRequests): client-go
 * waits Retry-After seconds and retries by itself.
 */
function tooManyRequests(seconds: number): Response {
  const status: Status = {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: "Too many requests: Too many requests, please try again later.",
    reason: "TooManyRequests",
    details: { retryAfterSeconds: seconds },
    code: 429,
  };
  return jsonResponse(429, status, { "Retry-After": String(seconds) });
}

/**
 * Authentication, the request budget and impersonation: the user a request acts
 * as, or the Response refusing it. Also used by the exec/attach/port-forward
 * upgrades of the HTTPS listener (lib/k8s-api/exec).
 */
export async function requestUser(
  request: Request,
  opts: ServeOptions,
): Promise<UserInfo | Response> {
  try {
    const user = await authenticate(request, opts.sandboxId);
    if (user instanceof Response) return user;
    // Long-running requests (watches, log follows) are bounded by the watch limits
    // instead, as kube-apiserver exempts them from max-in-flight.
    if (!isLongRunning(request)) {
      const wait = sandboxBuckets().take(opts.sandboxId);
      if (wait > 0) return tooManyRequests(wait);
    }
    if (wantsImpersonation(request.headers)) {
      const as = impersonate(request.headers, user, await sandboxState(opts.sandboxId, user));
      if (as instanceof ApiError) return errorResponse(as);
      return as;
    }
    return user;
  } catch (err) {
    return failureResponse(err);
  }
}
