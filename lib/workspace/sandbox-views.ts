// Read views of a learner's sandbox for the lab page: the cluster picture, one
// object's detail and the recent commands' traces. Reading catches virtual time up
// first (as a terminal read does), so pods move on while the learner watches.

import { readTraceLog } from "@/lib/db/sandboxes";
import { sandboxEnv } from "@/lib/terminal/db-env";
import { buildClusterPicture, type ClusterPictureData } from "./picture/build-picture";
import { objectDetail, type ObjectDetail, type PictureKind } from "./picture/object-detail";
import { groupCommands } from "./trace/group-traces";
import { sequenceDiagram, traceSteps, type TraceStep } from "./trace/sequence-diagram";

export async function sandboxPicture(sandboxId: string): Promise<ClusterPictureData> {
  return buildClusterPicture(await sandboxEnv(sandboxId).state());
}

export async function sandboxObject(
  sandboxId: string,
  kind: PictureKind,
  name: string,
  namespace?: string,
): Promise<ObjectDetail | null> {
  return objectDetail(await sandboxEnv(sandboxId).state(), kind, name, namespace);
}

export interface CommandTraceView {
  label: string;
  at: number;
  diagram: string;
  steps: TraceStep[];
}

/** Log entries scanned for the recent commands (audit events and traces share the sequence). */
const WINDOW = 600;

export async function recentCommandTraces(
  sandboxId: string,
  /** The sandbox row's logSeq, read with the request's authorization (requireSandboxRequester). */
  logSeq: number,
  limit = 5,
): Promise<CommandTraceView[]> {
  const log = await readTraceLog(sandboxId, { afterSeq: logSeq - WINDOW, limit: WINDOW });
  return groupCommands(
    log.map((l) => l.trace),
    limit,
  )
    .reverse()
    .map((g) => ({
      label: g.label,
      at: g.at,
      diagram: sequenceDiagram(g.traces),
      steps: traceSteps(g.traces),
    }));
}
