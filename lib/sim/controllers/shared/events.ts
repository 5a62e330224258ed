// client-go's event recorder with its correlator: an Event per (object, reason,
// message); a repeat bumps count and lastTimestamp instead of adding an object.
// A repeat within the same virtual second is dropped, so a component that meets
// the same failure on every settle round writes once (bounded settles).

import { formatTime } from "../../clock";
import type { KubeObject } from "../../apiserver/object";
import { decodeObject } from "../../apiserver/handler/codec";
import type { SandboxState } from "../../state";
import { prefixEnd, range } from "../../store/store";
import type { Client } from "./client";
import { asNumber, asObj, asString } from "./fields";

export interface EventSource {
  component: string;
  /** Node name for kubelet events. */
  host?: string;
}

export interface EventInput {
  involved: KubeObject;
  type: "Normal" | "Warning";
  reason: string;
  message: string;
  /** e.g. "spec.containers{nginx}" for container events. */
  fieldPath?: string;
}

function eventName(involvedName: string, now: number, revision: number): string {
  // Real recorders use "<name>.<UnixNano in hex>"; the revision keeps names unique within a ms.
  const nanos = BigInt(now) * 1_000_000n + BigInt(revision % 1_000_000);
  return `${involvedName}.${nanos.toString(16)}`;
}

/** Events are named "<object>.<hex>": a key-prefix range finds one object's events only. */
function eventsNamed(state: SandboxState, namespace: string, name: string): KubeObject[] {
  const prefix = `/registry/events/${namespace}/${name}.`;
  return range(state.store, { key: prefix, rangeEnd: prefixEnd(prefix) }).kvs.map(decodeObject);
}

export function recordEvent(client: Client, source: EventSource, input: EventInput): void {
  const state = client.api.state();
  const inv = input.involved;
  const namespace = inv.metadata.namespace || "default";
  const now = client.now;
  const stamp = formatTime(now);
  const existing = eventsNamed(state, namespace, inv.metadata.name ?? "").find((e) => {
    const o = asObj(e.involvedObject);
    return (
      o.uid === inv.metadata.uid &&
      e.reason === input.reason &&
      e.message === input.message &&
      asString(o.fieldPath) === (input.fieldPath ?? "") &&
      asObj(e.source).component === source.component
    );
  });
  if (existing) {
    if (existing.lastTimestamp === stamp) return;
    client.update("", "events", {
      ...existing,
      count: asNumber(existing.count, 1) + 1,
      lastTimestamp: stamp,
    });
    return;
  }
  const [group, version] = inv.apiVersion.includes("/")
    ? inv.apiVersion.split("/")
    : ["", inv.apiVersion];
  void group;
  void version;
  client.create("", "events", {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: eventName(inv.metadata.name ?? "", now, state.store.revision), namespace },
    involvedObject: {
      apiVersion: inv.apiVersion,
      kind: inv.kind,
      name: inv.metadata.name,
      ...(inv.metadata.namespace ? { namespace: inv.metadata.namespace } : {}),
      ...(inv.metadata.uid ? { uid: inv.metadata.uid } : {}),
      ...(inv.metadata.resourceVersion ? { resourceVersion: inv.metadata.resourceVersion } : {}),
      ...(input.fieldPath ? { fieldPath: input.fieldPath } : {}),
    },
    reason: input.reason,
    message: input.message,
    source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
    firstTimestamp: stamp,
    lastTimestamp: stamp,
    count: 1,
    type: input.type,
    eventTime: null,
    reportingComponent: source.component,
    reportingInstance: source.host ?? "",
  });
}
