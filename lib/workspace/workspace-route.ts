// Route wrapper for the workspace API: WorkspaceError becomes its status with the
// Korean message; everything else goes through the shared errorResponse.

import { domainErrorResponse, withErrors } from "@/lib/http/route-handler";
import { WorkspaceError } from "./workspace-error";

export function workspaceRoute<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Promise<Response>,
): (request: Request, ...args: Args) => Promise<Response> {
  return withErrors(handler, (error) =>
    error instanceof WorkspaceError
      ? domainErrorResponse(error.status, error.code, error.message)
      : undefined,
  );
}
