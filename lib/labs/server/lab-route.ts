// Lab errors as HTTP answers, in the same body shape as lib/http's errorResponse
// ({ error: { code, message } }); everything else goes to errorResponse.
import { errorResponse } from "@/lib/http/error-response";
import { LAB_ERROR_STATUS, LabError } from "../lab-error";

export function labErrorResponse(error: unknown): Response {
  if (error instanceof LabError)
    return Response.json(
      { error: { code: error.code, message: error.message } },
      { status: LAB_ERROR_STATUS[error.code], headers: { "cache-control": "no-store" } },
    );
  return errorResponse(error);
}

/** Like lib/http's withErrors, with lab errors mapped first. */
export function withLabErrors<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Promise<Response>,
): (request: Request, ...args: Args) => Promise<Response> {
  return async (request, ...args) => {
    try {
      return await handler(request, ...args);
    } catch (error) {
      return labErrorResponse(error);
    }
  };
}
