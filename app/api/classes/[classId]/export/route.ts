import { requireRequestUser } from "@/lib/auth/request-user";
import { withClassErrors } from "@/lib/classes/class-error";
import { csvResponse } from "@/lib/classes/export/csv";
import { classExport } from "@/lib/classes/export/class-export";
import { parseId } from "@/lib/classes/route-params";
import { db } from "@/lib/db/client";
import { HttpError } from "@/lib/http/http-error";

type Ctx = { params: Promise<{ classId: string }> };

/** GET /api/classes/:classId/export?kind=matrix|quiz → CSV (UTF-8 with BOM), one row per learner. */
export const GET = withClassErrors(async (request, { params }: Ctx) => {
  const user = await requireRequestUser(db(), request);
  const classId = parseId((await params).classId);
  const kind = new URL(request.url).searchParams.get("kind") ?? "matrix";
  if (kind !== "matrix" && kind !== "quiz") throw new HttpError(400, "invalidInput");
  const file = await classExport(db(), user, classId, kind);
  return csvResponse(file.body, file.asciiName, file.utf8Name);
});
