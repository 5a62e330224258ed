import { errorResponse } from "./error-response";
import { jsonResponse } from "./json-response";

/** Maps a feature's own expected errors to a Response; undefined passes the error on. */
export type DomainErrorMapper = (error: unknown) => Response | undefined;

/**
 * Wraps a route handler so every thrown error goes through errorResponse (after the
 * feature's own mapper, when given). Keeps handlers free of try/catch and
 * guarantees no stack trace leaks.
 */
export function withErrors<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Promise<Response>,
  mapError?: DomainErrorMapper,
): (request: Request, ...args: Args) => Promise<Response> {
  return async (request, ...args) => {
    try {
      return await handler(request, ...args);
    } catch (error) {
      return mapError?.(error) ?? errorResponse(error);
    }
  };
}

/** A feature's expected failure in errorResponse's body shape ({ error: { code, message } }). */
export function domainErrorResponse(status: number, code: string, message: string): Response {
  return jsonResponse({ error: { code, message } }, { status });
}
