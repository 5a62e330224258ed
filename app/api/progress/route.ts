import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { progressUpdateSchema, sessionQuerySchema } from "@/lib/content/progress/progress-input";
import { progressView, updateProgress } from "@/lib/content/progress/progress-service";
import { db } from "@/lib/db/client";
import { parseJsonRequest, validationError } from "@/lib/http/parse-request";
import { withErrors } from "@/lib/http/route-handler";

const noStore = { "cache-control": "no-store" };

/** GET /api/progress?courseId=…&sessionId=… → the signed-in learner's read sections. */
export const GET = withErrors(async (request) => {
  const user = await requireRequestUser(db(), request);
  const params = new URL(request.url).searchParams;
  const query = sessionQuerySchema.safeParse({
    courseId: params.get("courseId") ?? "",
    sessionId: params.get("sessionId") ?? "",
  });
  if (!query.success) throw validationError(query.error);
  return jsonResponse(await progressView(db(), user.id, query.data), { headers: noStore });
});

/** POST /api/progress {courseId, sessionId, sectionId, read?} → marks a section (un)read. */
export const POST = withErrors(async (request) => {
  const user = await requireRequestUser(db(), request);
  const update = await parseJsonRequest(request, progressUpdateSchema);
  return jsonResponse(await updateProgress(db(), user.id, update), { headers: noStore });
});
