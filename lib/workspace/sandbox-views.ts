// Read views of a learner's sandbox for the lab page: the cluster picture, one
// object's detail and the recent commands' traces. The picture and the detail catch
// virtual time up first (as a terminal read does), so pods move on while the learner
// watches; they write only when that changed what they show (quiet-view.ts).

import { readTraceLog } from "@/lib/db/sandboxes";
import { buildClusterPicture, type ClusterPictureData } from "./picture/build-picture";
import { objectDetail, type ObjectDetail, type PictureKind } from "./picture/object-detail";
import { quietView, type QuietView } from "./quiet-view";
import { groupCommands } from "./trace/group-traces";
import { sequenceDiagram, traceSteps, type TraceStep } from "./trace/sequence-diagram";

const picture: QuietView<ClusterPictureData> = {
  draw: buildClusterPicture,
  // Every field but the etcd revision and the moment, which a Lease renewal alone moves.
  shown: ({ revision: _revision, time: _time, ...rest }) => JSON.stringify(rest),
  // One per cached sandbox: its stored state's picture, answered to every poll until a
  // command stores the next state.
  kept: new WeakMap(),
};

/** `storedVersion`: the sandbox row's version as the request's authorization read it. */
export function sandboxPicture(
  sandboxId: string,
  storedVersion: number,
): Promise<ClusterPictureData> {
  return quietView(sandboxId, storedVersion, picture);
}

export function sandboxObject(
  sandboxId: string,
  storedVersion: number,
  kind: PictureKind,
  name: string,
  namespace?: string,
): Promise<ObjectDetail | null> {
  // All of it: the YAML carries the object's resourceVersion and times, the events theirs.
  return quietView(sandboxId, storedVersion, {
    draw: (state) => objectDetail(state, kind, name, namespace),
    shown: (detail) => JSON.stringify(detail),
  });
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
