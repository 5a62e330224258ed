// One sandbox per (learner, lab), built from the lab's start (lib/labs/start) and
// persisted like the terminal's sandbox. Reset replaces it, with its terminal history.
import { randomBytes } from "node:crypto";
import { configureSandboxEngine, deleteSandboxRecord } from "@/lib/db/sandboxes";
import { forget, remember } from "@/lib/db/sandboxes/cache";
import { count } from "@/lib/db/sandboxes/counters";
import { pool } from "@/lib/db/sandboxes/pool";
import { newSandboxId } from "@/lib/db/sandboxes/new-id";
import { insertSandbox } from "@/lib/db/sandboxes/rows";
import { insertMetaOf } from "@/lib/db/sandboxes/shared-parts";
import { clusterEngineOptions } from "@/lib/sim/cluster/loops";
import { requireLab } from "../catalog";
import { drawParams } from "../params";
import { labStartFor } from "../start/lab-start-template";

// Lab sandboxes run the control loops like every other sandbox of the app.
configureSandboxEngine(clusterEngineOptions());

/** The learner's sandbox of this lab if there is one (none is created). */
export async function findLabSandbox(userId: string, labId: string): Promise<string | undefined> {
  // Named: the lab's control panel and reset read it on every request.
  const { rows } = await pool().query<{ id: string }>({
    name: "kubelab_find_lab_sandbox",
    text: `SELECT "id" FROM "Sandbox" WHERE "ownerId" = $1 AND "labId" = $2`,
    values: [userId, labId],
  });
  return rows[0]?.id;
}

/** Builds the lab's start for this learner and stores it; a concurrent creation wins. */
async function createLabSandbox(userId: string, labId: string): Promise<string> {
  const lab = requireLab(labId);
  const params = drawParams(userId, lab.id, lab.sample.params);
  const wall = Date.now();
  // A copy of the process's template of this lab's start (lab-start-template.ts).
  const start = labStartFor(lab, params, randomBytes(16).toString("hex"), wall);
  const id = newSandboxId();
  // The template's static pod manifests are stored once for all its copies (shared-parts.ts).
  const meta = insertMetaOf(start.state, start.podsTemplate);
  // Faults may have fast-forwarded the cluster: its clock runs ahead of the wall by this much.
  const offset = BigInt(start.state.time - wall);
  // One statement, insert-if-absent: atomic on its own, one round trip instead of a
  // transaction's four; a template's rows go as the template's value encoded once
  // (value-codec.ts format 3). A concurrent open of the same learner that inserted
  // first wins: its sandbox, committed by then, is the one returned.
  const inserted = await insertSandbox(pool(), id, userId, meta, start.rows, {
    labId,
    timeOffsetMs: offset.toString(),
  });
  if (!inserted) {
    // The winner's sandbox; gone again only if a reset deleted it meanwhile: open afresh.
    return (await findLabSandbox(userId, labId)) ?? createLabSandbox(userId, labId);
  }
  count("labCreated");
  remember(id, {
    version: 0,
    state: start.state,
    timeOffsetMs: offset,
    logSeq: 0,
    coldMeta: meta.cold,
    storeEpoch: 0,
  });
  return id;
}

/**
 * The learner's sandbox for this lab, created at the lab's start on first use. `found`:
 * the sandbox the caller already read (null: none; lab-open.ts reads it with the user row).
 */
export async function labSandbox(
  userId: string,
  labId: string,
  found?: string | null,
): Promise<string> {
  count("labOpens");
  if (found === undefined) return labSandboxId(userId, labId);
  requireLab(labId);
  return found ?? createLabSandbox(userId, labId);
}

/**
 * The same sandbox for work on it (채점, the control panel): not counted as an open,
 * so bench:load's "lab opens" are the learners' page and API opens only (a 채점 used
 * to count as one: 400 opens for 200 learners).
 */
export async function labSandboxId(userId: string, labId: string): Promise<string> {
  requireLab(labId);
  return (await findLabSandbox(userId, labId)) ?? createLabSandbox(userId, labId);
}

/**
 * Back to the lab's start: the old sandbox and its terminal history go. `old`: the
 * learner's sandbox of this lab as the caller already found it (findLabSandbox).
 */
export async function resetLabSandbox(
  userId: string,
  labId: string,
  old?: string | null,
): Promise<string> {
  requireLab(labId);
  if (old === undefined) old = (await findLabSandbox(userId, labId)) ?? null;
  if (old) {
    // The history's rows go with the row (the sandbox tables' delete trigger).
    await deleteSandboxRecord(old);
    forget(old);
  }
  return createLabSandbox(userId, labId);
}
