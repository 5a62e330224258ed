import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { errorResponse } from "@/lib/http/error-response";
import { HttpError } from "@/lib/http/http-error";
import { DEFAULT_BODY_LIMIT } from "@/lib/http/read-json-body";

const nextAuth = NextAuth(authOptions) as (
  request: Request,
  context: { params: Promise<{ nextauth: string[] }> },
) => Promise<Response>;

// next-auth reads whole form bodies; refuse oversized ones before it does.
// (next-auth checks its own CSRF token on these POSTs.)
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const length = Number(request.headers.get("content-length"));
  if (Number.isFinite(length) && length > DEFAULT_BODY_LIMIT) {
    return errorResponse(new HttpError(413, "bodyTooLarge", { limit: "16KB" }));
  }
  return nextAuth(request, context);
}

export { handler as GET, handler as POST };
