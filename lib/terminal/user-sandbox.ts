// Each learner's lab sandbox: created on first use as the lesson's kubeadm cluster
// (master1 + worker1, worker2, everything Running), found again afterwards, and
// replaced by a fresh one on reset.

import { randomBytes } from "node:crypto";
import { stateMeta } from "@/lib/sim";
import { createClusterSandbox } from "@/lib/sim/cluster/default-cluster";
import { clusterEngineOptions } from "@/lib/sim/cluster/loops";
import { configureSandboxEngine, deleteSandboxRecord } from "@/lib/db/sandboxes";
import { forget, remember } from "@/lib/db/sandboxes/cache";
import { pool } from "@/lib/db/sandboxes/pool";
import { splitMeta } from "@/lib/db/sandboxes/meta-split";
import { newSandboxId } from "@/lib/db/sandboxes/new-id";
import { insertSandbox } from "@/lib/db/sandboxes/rows";

// Every sandbox the app runs is a cluster sandbox: its requests run the control loops.
configureSandboxEngine(clusterEngineOptions());

export async function createUserSandbox(
  ownerId: string,
  seed?: string,
  id = newSandboxId(),
): Promise<string> {
  const sb = createClusterSandbox({
    seed: seed ?? randomBytes(16).toString("hex"),
    now: Date.now(),
  });
  // Written as lib/db's createSandboxRecord writes a bare sandbox (one statement).
  const meta = splitMeta(stateMeta(sb.state));
  await insertSandbox(pool(), id, ownerId, meta, sb.changes.appended);
  remember(id, { version: 0, state: sb.state, timeOffsetMs: 0n, logSeq: 0, coldMeta: meta.cold });
  return id;
}

/** The learner's sandbox, created when they have none. */
export async function userSandbox(ownerId: string): Promise<string> {
  return (await findUserSandbox(ownerId)) ?? createUserSandbox(ownerId);
}

/** The learner's free sandbox, if they have one (the newest). */
export async function findUserSandbox(ownerId: string): Promise<string | undefined> {
  // Named: parsed and planned once per pooled connection (each /sandbox open asks).
  const { rows } = await pool().query<{ id: string }>({
    name: "kubelab_find_user_sandbox",
    text: `SELECT "id" FROM "Sandbox" WHERE "ownerId" = $1 AND "labId" IS NULL ORDER BY "createdAt" DESC LIMIT 1`,
    values: [ownerId],
  });
  return rows[0]?.id;
}

/** The reset button: the old sandbox and its terminal history go, a fresh cluster comes. */
export async function resetUserSandbox(ownerId: string, sandboxId: string): Promise<string> {
  // The history's rows go with the row (the sandbox tables' delete trigger).
  await deleteSandboxRecord(sandboxId);
  // The copy goes with it (the reset runs on the owner worker, whose cache holds it).
  forget(sandboxId);
  return createUserSandbox(ownerId);
}
