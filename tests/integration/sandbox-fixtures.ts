// Helpers for the sandbox persistence tests.

import { db } from "@/lib/db/client";
import { ADMIN_USER, type ApiRequest } from "@/lib/sim";

export const admin = ADMIN_USER;

export function configMapCreate(name: string, data: Record<string, string> = {}): ApiRequest {
  return {
    method: "POST",
    path: "/api/v1/namespaces/default/configmaps",
    user: admin,
    body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data },
  };
}

export async function kvRevisions(sandboxId: string): Promise<number[]> {
  const rows = await db().$queryRaw<{ revision: number }[]>`
    SELECT "revision" FROM "SandboxKv" WHERE "sandboxId" = ${sandboxId} ORDER BY "revision"`;
  return rows.map((r) => r.revision);
}

export async function sandboxVersion(sandboxId: string): Promise<number> {
  const [row] = await db().$queryRaw<
    { version: number }[]
  >`SELECT "version" FROM "Sandbox" WHERE "id" = ${sandboxId}`;
  return row!.version;
}
