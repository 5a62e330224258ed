// A read-only picture of a learner's sandbox for their instructor: the objects
// in its store now (newest row per key, as etcd would answer a range) and its
// latest request traces. Plain SELECTs: unlike a kubectl request through the
// engine, nothing here advances the sandbox's clock or writes a row.

import type { SessionUser } from "@/lib/auth/session";
import { readLogNewest } from "@/lib/db/sandboxes/log-read";
import { pool } from "@/lib/db/sandboxes/pool";
import { decodeValue } from "@/lib/db/sandboxes/value-codec";
import type { RequestTrace } from "@/lib/sim";
import { authorizeSandbox } from "../sandbox-read-check";
import { ClassError } from "../class-error";

export interface SandboxListing {
  id: string;
  labId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StoredObject {
  key: string;
  resource: string;
  namespace: string | null;
  name: string;
  /** Short status: pod phase and node, node readiness, deployment replicas. */
  status: string;
  modRevision: number;
}

export interface SandboxView {
  sandbox: SandboxListing;
  sandboxes: SandboxListing[];
  revision: number;
  objects: StoredObject[];
  traces: { seq: number; trace: RequestTrace }[];
}

const OBJECT_LIMIT = 1000;
const TRACE_LIMIT = 30;

type Obj = {
  metadata?: { name?: string; namespace?: string };
  spec?: { nodeName?: string; replicas?: number };
  status?: {
    phase?: string;
    readyReplicas?: number;
    conditions?: { type?: string; status?: string }[];
  };
};

export function statusOf(resource: string, obj: Obj): string {
  if (resource === "pods") {
    const phase = obj.status?.phase ?? "Pending";
    return obj.spec?.nodeName ? `${phase} · ${obj.spec.nodeName}` : phase;
  }
  if (resource === "minions" || resource === "nodes") {
    const ready = obj.status?.conditions?.find((c) => c.type === "Ready");
    return ready?.status === "True" ? "Ready" : "NotReady";
  }
  if (resource === "deployments" || resource === "replicasets" || resource === "statefulsets") {
    return `${obj.status?.readyReplicas ?? 0}/${obj.spec?.replicas ?? 0}`;
  }
  return "";
}

/** `/registry/<resource>/<ns>/<name>` or `/registry/<resource>/<name>` (apps: `/registry/deployments/…`). */
export function describeKey(key: string, value: string, modRevision: number): StoredObject {
  const parts = key.split("/").filter(Boolean);
  const resource = parts[0] === "registry" ? (parts[1] ?? "") : (parts[0] ?? "");
  let obj: Obj = {};
  try {
    obj = JSON.parse(value) as Obj;
  } catch {
    // etcdctl can store any bytes under any key; it is listed without a status.
  }
  const rest = parts.slice(parts[0] === "registry" ? 2 : 1);
  const name = obj.metadata?.name ?? rest.at(-1) ?? key;
  const namespace = obj.metadata?.namespace ?? (rest.length > 1 ? rest[0]! : null);
  return { key, resource, namespace, name, status: statusOf(resource, obj), modRevision };
}

export async function listLearnerSandboxes(learnerId: string): Promise<SandboxListing[]> {
  const { rows } = await pool().query<{
    id: string;
    labId: string | null;
    createdAt: Date;
    updatedAt: Date;
  }>(
    `SELECT "id", "labId", "createdAt", "updatedAt" FROM "Sandbox" WHERE "ownerId" = $1 ORDER BY "updatedAt" DESC`,
    [learnerId],
  );
  return rows.map((r) => ({
    id: r.id,
    labId: r.labId,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/**
 * The view of one of the learner's sandboxes (`sandboxId`, default the most
 * recently used). The viewer must be allowed to read it (the terminal's hook).
 */
export async function learnerSandboxView(
  viewer: SessionUser,
  learnerId: string,
  sandboxId?: string,
): Promise<SandboxView> {
  const sandboxes = await listLearnerSandboxes(learnerId);
  const sandbox = sandboxId ? sandboxes.find((s) => s.id === sandboxId) : sandboxes[0];
  if (!sandbox) throw new ClassError("noSandbox");
  await authorizeSandbox(viewer, sandbox.id, "read");
  const [kv, logs] = await Promise.all([
    pool().query<{ key: string; revision: number; deleted: boolean; value: Buffer }>(
      `SELECT DISTINCT ON ("key") "key", "revision", "deleted", "value"
       FROM "SandboxKv" WHERE "sandboxId" = $1 ORDER BY "key", "revision" DESC`,
      [sandbox.id],
    ),
    readLogNewest<RequestTrace>(sandbox.id, { kind: "trace", limit: TRACE_LIMIT }),
  ]);
  const live = kv.rows.filter((r) => !r.deleted);
  return {
    sandbox,
    sandboxes,
    revision: kv.rows.reduce((max, r) => Math.max(max, r.revision), 0),
    objects: live
      .slice(0, OBJECT_LIMIT)
      .map((r) => describeKey(r.key, decodeValue(r.value), r.revision)),
    traces: logs.map((r) => ({ seq: r.seq, trace: r.data })),
  };
}
