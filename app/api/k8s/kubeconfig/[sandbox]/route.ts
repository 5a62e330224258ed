// POST: a kubeconfig for the sandbox (new token, shown once). DELETE: revoke them all.

import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { withErrors } from "@/lib/http/route-handler";
import { downloadKubeconfig, revokeKubeconfigs } from "@/lib/k8s-api/kubeconfig-download";

type Params = { params: Promise<{ sandbox: string }> };

export const POST = withErrors(async (request: Request, { params }: Params) => {
  assertSameOrigin(request);
  const user = await requireRequestUser(db(), request);
  const { sandbox } = await params;
  const { filename, yaml } = await downloadKubeconfig(user, sandbox, request.url);
  return new Response(yaml, {
    headers: {
      "Content-Type": "application/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
});

export const DELETE = withErrors(async (request: Request, { params }: Params) => {
  assertSameOrigin(request);
  const user = await requireRequestUser(db(), request);
  const { sandbox } = await params;
  return jsonResponse(
    { revoked: await revokeKubeconfigs(user, sandbox) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
