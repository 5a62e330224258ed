// Security baseline of #11, what the database holds: kubeconfig bearer tokens only
// as their SHA-256 (a stolen table cannot be replayed against the API), passwords
// only as a slow salted argon2id hash; an expired or revoked token answers 401.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/k8s/[sandbox]/[[...path]]/route";
import { db } from "@/lib/db/client";
import { issueKubeToken } from "@/lib/db/kube-tokens";
import { pool } from "@/lib/db/sandboxes/pool";
import { createUserSandbox } from "@/lib/terminal/user-sandbox";
import { createUser } from "../auth-fixtures";

const api = (id: string, token: string) =>
  GET(
    new Request(`http://localhost:3000/api/k8s/${id}/api/v1/namespaces`, {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    }),
  );

describe("secrets at rest", () => {
  it("keeps kubeconfig tokens only as their SHA-256", async () => {
    const user = await createUser("LEARNER");
    const sandboxId = await createUserSandbox(user.id);
    const { token } = await issueKubeToken(sandboxId);
    const { rows } = await pool().query(`SELECT * FROM "KubeToken" WHERE "sandboxId" = $1`, [
      sandboxId,
    ]);
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(4, 24));
    expect(rows[0].tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect((await api(sandboxId, token)).status).toBe(200);
    // The hash itself is no credential.
    expect((await api(sandboxId, rows[0].tokenHash as string)).status).toBe(401);
  });

  it("refuses expired and revoked tokens with 401", async () => {
    const user = await createUser("LEARNER");
    const sandboxId = await createUserSandbox(user.id);
    const expired = await issueKubeToken(sandboxId, { expiresAt: new Date(Date.now() - 1000) });
    expect((await api(sandboxId, expired.token)).status).toBe(401);
    const revoked = await issueKubeToken(sandboxId);
    await pool().query(`UPDATE "KubeToken" SET "revokedAt" = now() WHERE "id" = $1`, [revoked.id]);
    expect((await api(sandboxId, revoked.token)).status).toBe(401);
  });

  it("keeps passwords only as a salted argon2id hash", async () => {
    const a = await createUser("LEARNER", "same-password-42");
    const b = await createUser("LEARNER", "same-password-42");
    const rows = await db().user.findMany({
      where: { id: { in: [a.id, b.id] } },
      select: { passwordHash: true },
    });
    for (const r of rows) {
      expect(r.passwordHash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
      expect(r.passwordHash).not.toContain("same-password-42");
    }
    // Salted: the same password gives different hashes.
    expect(rows[0]!.passwordHash).not.toBe(rows[1]!.passwordHash);
  });
});
