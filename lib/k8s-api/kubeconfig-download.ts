// The kubeconfig download: only the sandbox's owner (or an admin) gets one; each
// download issues a new token (the old ones keep working until revoked or the
// sandbox goes). A sandbox that does not exist answers like one of someone else's.

import { AuthError } from "@/lib/auth/auth-error";
import { hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import { issueKubeToken, KUBECONFIG_ADMIN, revokeKubeTokens } from "@/lib/db/kube-tokens";
import { pool } from "@/lib/db/sandboxes/pool";
import { servingCertificate } from "@/lib/tls/serving-certificate";
import { kubeApiBaseUrl, kubeconfigYaml } from "./kubeconfig";

async function assertOwner(user: SessionUser, sandboxId: string): Promise<void> {
  const { rows } = await pool().query<{ ownerId: string | null }>(
    `SELECT "ownerId" FROM "Sandbox" WHERE "id" = $1`,
    [sandboxId],
  );
  const row = rows[0];
  if (!row || (row.ownerId !== user.id && !hasRole(user.role, "ADMIN"))) {
    throw new AuthError("forbidden");
  }
}

export async function downloadKubeconfig(
  user: SessionUser,
  sandboxId: string,
  requestUrl: string,
): Promise<{ filename: string; yaml: string }> {
  await assertOwner(user, sandboxId);
  const { token } = await issueKubeToken(sandboxId, { user: KUBECONFIG_ADMIN, createdBy: user.id });
  const cert = await servingCertificate();
  return {
    filename: `kubelab-${sandboxId}.kubeconfig`,
    yaml: kubeconfigYaml({
      sandboxId,
      serverBase: kubeApiBaseUrl(requestUrl),
      caPem: cert.caPem,
      token,
      username: KUBECONFIG_ADMIN.username,
    }),
  };
}

export async function revokeKubeconfigs(user: SessionUser, sandboxId: string): Promise<number> {
  await assertOwner(user, sandboxId);
  return revokeKubeTokens(sandboxId);
}
