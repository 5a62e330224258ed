// Route wrapper for the workspace API: WorkspaceError becomes its status with the
// Korean message; everything else goes through the shared errorResponse.

import { errorResponse } from "@/lib/http/error-response";
import { WorkspaceError } from "./workspace-error";

export function workspaceRoute<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Promise<Response>,
): (request: Request, ...args: Args) => Promise<Response> {
  return async (request, ...args) => {
    try {
      return await handler(request, ...args);
    } catch (error) {
      if (error instanceof WorkspaceError) {
        return Response.json(
          { error: { code: error.code, message: error.message } },
          { status: error.status, headers: { "cache-control": "no-store" } },
        );
      }
      return errorResponse(error);
    }
  };
}
