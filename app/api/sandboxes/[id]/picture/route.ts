import { jsonResponse } from "@/lib/http/json-response";
import { z } from "zod";
import { HttpError } from "@/lib/http/http-error";
import { withErrors } from "@/lib/http/route-handler";
import { answerFromOwner } from "@/lib/terminal/sandbox-owner-worker";
import { requireSandboxRequester } from "@/lib/terminal/sandbox-requester";
import { sandboxObject, sandboxPicture } from "@/lib/workspace/sandbox-views";

const objectQuery = z.union([
  z.object({
    kind: z.literal("pods"),
    namespace: z.string().min(1).max(63),
    name: z.string().min(1).max(253),
  }),
  z.object({ kind: z.literal("nodes"), name: z.string().min(1).max(253) }),
]);

/**
 * GET /api/sandboxes/:id/picture → the cluster picture (control plane, nodes, pods).
 * GET …/picture?kind=pods&namespace=ns&name=n (or kind=nodes&name=n) → that object's
 * YAML, events and, for pods, the scheduler's reasons. Readers: like the terminal.
 * Built on the sandbox's owner worker (lib/terminal/sandbox-owner-worker.ts): the picture
 * catches the cluster up and the page polls it, so another worker would keep (and write
 * from) a second copy. A poll writes only when the wait changed what it shows
 * (lib/workspace/quiet-view.ts).
 */
export const GET = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const onOwner = await answerFromOwner(request, "sandbox-picture", id, { id });
  if (onOwner) return onOwner;
  // The user's row and the sandbox row in one query (the page polls every 3 s); the same
  // checks in the same order as requireRequestUser then authorizeSandbox.
  // The grant's version (the row as read with the user's) lets a current cached copy answer
  // without another statement; the picture writes only when the wait changed what it shows.
  const { version } = await (await requireSandboxRequester(request, id)).authorize("read");
  const search = new URL(request.url).searchParams;
  if (!search.has("kind")) return jsonResponse(await sandboxPicture(id, version));
  const query = objectQuery.safeParse(Object.fromEntries(search));
  if (!query.success) throw new HttpError(400, "invalidInput");
  const q = query.data;
  const detail = await sandboxObject(
    id,
    version,
    q.kind,
    q.name,
    "namespace" in q ? q.namespace : undefined,
  );
  if (!detail) {
    return jsonResponse(
      { error: { code: "notFound", message: `${q.name}: 이 오브젝트가 더 이상 없습니다.` } },
      { status: 404 },
    );
  }
  return jsonResponse(detail);
});
