// Lab errors as HTTP answers, in the same body shape as lib/http's errorResponse
// ({ error: { code, message } }); everything else goes to errorResponse.
import { errorResponse } from "@/lib/http/error-response";
import { domainErrorResponse, withErrors } from "@/lib/http/route-handler";
import { LAB_ERROR_STATUS, LabError } from "../lab-error";

function labError(error: unknown): Response | undefined {
  return error instanceof LabError
    ? domainErrorResponse(LAB_ERROR_STATUS[error.code], error.code, error.message)
    : undefined;
}

export function labErrorResponse(error: unknown): Response {
  return labError(error) ?? errorResponse(error);
}

/** Like lib/http's withErrors, with lab errors mapped first. */
export function withLabErrors<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Promise<Response>,
): (request: Request, ...args: Args) => Promise<Response> {
  return withErrors(handler, labError);
}
