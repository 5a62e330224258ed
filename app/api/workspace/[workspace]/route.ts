import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { listWorkspaceFiles } from "@/lib/workspace";
import { workspaceRoute } from "@/lib/workspace/workspace-route";

type Params = { params: Promise<{ workspace: string }> };

/** GET /api/workspace/:workspace → { files: [{ path, content, updatedAt }] } of the signed-in user. */
export const GET = workspaceRoute(async (request, { params }: Params) => {
  const user = await requireRequestUser(db(), request);
  const { workspace } = await params;
  const files = await listWorkspaceFiles(user.id, workspace);
  return jsonResponse({ files }, { headers: { "cache-control": "no-store" } });
});
