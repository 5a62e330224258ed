import { jsonResponse } from "@/lib/http/json-response";
import { z } from "zod";
import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { deleteWorkspaceFile, MAX_FILE_BYTES } from "@/lib/workspace";
import { saveRequesterFile } from "@/lib/workspace/save-requester";
import { workspaceRoute } from "@/lib/workspace/workspace-route";

type Params = { params: Promise<{ workspace: string; file: string }> };

const saveSchema = z.object({ content: z.string() });

/**
 * PUT /api/workspace/:workspace/:file {content} → the saved file. Creates or overwrites.
 * The editor's autosave: the user's row and the overwrite in one statement (save-requester.ts).
 */
export const PUT = workspaceRoute(async (request, { params }: Params) => {
  const { workspace, file } = await params;
  // JSON escaping can double the size of the content; the exact limit is checked on the text.
  // Read first, its errors answered after the session's (401/403), as before.
  const body = await parseJsonRequest(request, saveSchema, MAX_FILE_BYTES * 2 + 1024).then(
    (value) => () => value,
    (error: unknown) => () => {
      throw error;
    },
  );
  const saved = await saveRequesterFile(request, workspace, file, body);
  return jsonResponse(saved, { headers: { "cache-control": "no-store" } });
});

/** DELETE /api/workspace/:workspace/:file → 204. */
export const DELETE = workspaceRoute(async (request, { params }: Params) => {
  assertSameOrigin(request);
  const user = await requireRequestUser(db(), request);
  const { workspace, file } = await params;
  await deleteWorkspaceFile(user.id, workspace, decodeURIComponent(file));
  return new Response(null, { status: 204 });
});
