// events.k8s.io/v1 Events are stored as core v1 Events (one storage, two APIs). These are the
// field renames of pkg/apis/events/v1's conversion, so the handler can read and write either.
import type { KubeObject } from "../object";

// [events.k8s.io/v1 field, core/v1 field]
const RENAMES: [string, string][] = [
  ["regarding", "involvedObject"],
  ["note", "message"],
  ["deprecatedSource", "source"],
  ["deprecatedFirstTimestamp", "firstTimestamp"],
  ["deprecatedLastTimestamp", "lastTimestamp"],
  ["deprecatedCount", "count"],
  ["reportingController", "reportingComponent"],
];
const SHARED = ["eventTime", "series", "action", "reason", "related", "type", "reportingInstance"];

function convert(ev: KubeObject, apiVersion: string, from: 0 | 1): KubeObject {
  const out: KubeObject = { apiVersion, kind: "Event", metadata: ev.metadata };
  const to = from === 0 ? 1 : 0;
  for (const pair of RENAMES) {
    const v = ev[pair[from]];
    if (v !== undefined) out[pair[to]] = v;
  }
  for (const k of SHARED) if (ev[k] !== undefined) out[k] = ev[k];
  return out;
}

/** events.k8s.io/v1 Event → the core v1 Event that is stored. */
export function eventsV1ToCore(ev: KubeObject): KubeObject {
  return convert(ev, "v1", 0);
}

/** Stored core v1 Event → its events.k8s.io/v1 form. */
export function coreToEventsV1(ev: KubeObject): KubeObject {
  return convert(ev, "events.k8s.io/v1", 1);
}
