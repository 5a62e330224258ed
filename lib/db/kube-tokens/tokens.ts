// Per-sandbox bearer tokens for downloaded kubeconfigs. A token is random
// (32 bytes), shown once in the download and stored only as its SHA-256, so a
// database leak reveals no usable token. Lookups go through the sandbox pool
// (node-postgres) because every kubectl request authenticates.

import { createHash, randomBytes } from "node:crypto";
import { pool } from "../sandboxes/pool";

export interface KubeTokenUser {
  username: string;
  groups: string[];
}

export interface IssuedKubeToken {
  id: string;
  /** The bearer token itself: returned once, never stored. */
  token: string;
}

export interface KubeTokenOwner extends KubeTokenUser {
  sandboxId: string;
  tokenId: string;
}

/** kubeadm's admin.conf user: kubernetes-admin in system:masters. */
export const KUBECONFIG_ADMIN: KubeTokenUser = {
  username: "kubernetes-admin",
  groups: ["system:masters"],
};

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export async function issueKubeToken(
  sandboxId: string,
  opts: { user?: KubeTokenUser; createdBy?: string; expiresAt?: Date } = {},
): Promise<IssuedKubeToken> {
  const id = randomBytes(6).toString("hex");
  const token = `klb_${randomBytes(32).toString("base64url")}`;
  const user = opts.user ?? KUBECONFIG_ADMIN;
  await pool().query(
    `INSERT INTO "KubeToken" ("sandboxId", "id", "tokenHash", "username", "groups", "createdBy", "expiresAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      sandboxId,
      id,
      hashToken(token),
      user.username,
      user.groups,
      opts.createdBy ?? null,
      opts.expiresAt ?? null,
    ],
  );
  return { id, token };
}

/** The token's sandbox and identity, or undefined when unknown, revoked or expired. */
export async function findKubeToken(
  token: string,
  now = new Date(),
): Promise<KubeTokenOwner | undefined> {
  if (!token || token.length > 256) return undefined;
  const { rows } = await pool().query<{
    sandboxId: string;
    id: string;
    username: string;
    groups: string[];
  }>(
    `SELECT "sandboxId", "id", "username", "groups" FROM "KubeToken"
     WHERE "tokenHash" = $1 AND "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > $2)`,
    [hashToken(token), now],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { sandboxId: row.sandboxId, tokenId: row.id, username: row.username, groups: row.groups };
}

/** Revokes one token (or all of a sandbox's when `tokenId` is omitted); returns how many. */
export async function revokeKubeTokens(sandboxId: string, tokenId?: string): Promise<number> {
  const res = await pool().query(
    `UPDATE "KubeToken" SET "revokedAt" = now()
     WHERE "sandboxId" = $1 AND "revokedAt" IS NULL AND ($2::text IS NULL OR "id" = $2)`,
    [sandboxId, tokenId ?? null],
  );
  return res.rowCount ?? 0;
}

export interface KubeTokenInfo {
  id: string;
  username: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export async function listKubeTokens(sandboxId: string): Promise<KubeTokenInfo[]> {
  const { rows } = await pool().query<KubeTokenInfo>(
    `SELECT "id", "username", "createdAt", "expiresAt", "revokedAt" FROM "KubeToken"
     WHERE "sandboxId" = $1 ORDER BY "createdAt"`,
    [sandboxId],
  );
  return rows;
}
