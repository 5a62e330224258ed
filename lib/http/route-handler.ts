import { errorResponse } from "./error-response";

/**
 * Wraps a route handler so every thrown error goes through errorResponse.
 * Keeps handlers free of try/catch and guarantees no stack trace leaks.
 */
export function withErrors<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Promise<Response>,
): (request: Request, ...args: Args) => Promise<Response> {
  return async (request, ...args) => {
    try {
      return await handler(request, ...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
