// The closing audit events of watches. kube-apiserver logs a long-running request
// twice: ResponseStarted when the stream opens and ResponseComplete, under the same
// auditID, when it ends (timeoutSeconds or the client leaving). The HTTP layer
// holds the streams, so it reports their end here with the events they started
// with (several at once: watches of one sandbox that ended together, in one go).

import type { Clock } from "../../clock";
import { formatMicroTime } from "../../clock";
import { appendJournal, type RequestTrace, type SandboxState } from "../../state";
import type { AuditEvent } from "../audit/event";
import type { HandleResult } from "./handle";

export function endWatch(
  state: SandboxState,
  started: readonly [AuditEvent, ...AuditEvent[]],
  clock: Clock,
): HandleResult {
  const now = Math.max(clock.now(), state.time);
  const closing = started.map((e): AuditEvent => ({
    ...e,
    stage: "ResponseComplete",
    stageTimestamp: formatMicroTime(now),
  }));
  const first = closing[0]!;
  const trace: RequestTrace = {
    auditID: first.auditID,
    verb: "watch",
    requestURI: first.requestURI,
    code: 200,
    entries: closing.map((e) => ({
      at: now,
      from: "kube-apiserver" as const,
      to: "client" as const,
      action: "watch-closed",
      detail: e.requestURI,
      ok: true,
    })),
  };
  return {
    state: { ...state, time: now, journal: appendJournal(state.journal, closing, trace) },
    response: { kind: "object", code: 200, body: null },
    // One event per HandleResult: the first; the journal holds them all.
    audit: first,
    trace,
    changes: { state: state.store, appended: [], removed: [], leasesChanged: false },
  };
}
