import { AuthError } from "@/lib/auth/auth-error";
import { publicLabView, withLabErrors } from "@/lib/labs/server";
import { labPageRows } from "@/lib/labs/server/lab-page";

/**
 * GET /api/labs/:labId → the lab as this learner sees it (no solutions, no expected values).
 * The session's user, its task passes and hint reveals come in the lab page's one named
 * query (lab-page.ts), as the page's own render reads them.
 */
export const GET = withLabErrors(
  async (request, { params }: { params: Promise<{ labId: string }> }) => {
    const { labId } = await params;
    const rows = await labPageRows(request, labId);
    if (!rows) throw new AuthError("unauthenticated");
    return Response.json(await publicLabView(rows.userId, labId, rows), {
      headers: { "cache-control": "no-store" },
    });
  },
);
