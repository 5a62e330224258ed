import { jsonResponse } from "@/lib/http/json-response";
import { requesterWorkspaceFiles } from "@/lib/workspace/files-requester";
import { workspaceRoute } from "@/lib/workspace/workspace-route";

type Params = { params: Promise<{ workspace: string }> };

/** GET /api/workspace/:workspace → { files: [{ path, content, updatedAt }] } of the signed-in user. */
export const GET = workspaceRoute(async (request, { params }: Params) => {
  const { workspace } = await params;
  // The user's row and their files in one query (401/403 first, then 400 for a bad id).
  const files = await requesterWorkspaceFiles(request, workspace);
  return jsonResponse({ files }, { headers: { "cache-control": "no-store" } });
});
