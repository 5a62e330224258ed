// client-go's event recorder with its correlator (event-correlator.ts): an Event per
// (object, reason, message); a repeat bumps count and lastTimestamp instead of adding an
// object; many similar Events are combined into one; a source's Events about one object
// are rate-limited. A repeat within the same virtual second is dropped, so a component that
// meets the same failure on every settle round writes once (bounded settles).

import { formatTime } from "../../clock";
import type { KubeObject } from "../../apiserver/object";
import { decodeRow } from "../../apiserver/handler/codec";
import type { SandboxState } from "../../state";
import { prefixEnd } from "../../store/store";
import type { Client } from "./client";
import { asNumber } from "./fields";
import { correlate } from "./event-correlator";
import { hex8 } from "./hash";

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

const TWO_32 = 2 ** 32;

/** now × 10⁶ + extra in hex (now: epoch ms, 0 ≤ extra < 10⁶), in doubles: exact below 2⁵³. */
export function nanosHex(now: number, extra: number): string {
  if (!Number.isSafeInteger(now) || now < 0) {
    return (BigInt(now) * 1_000_000n + BigInt(extra)).toString(16);
  }
  // now = hi·2³² + lo; lo·10⁶ + extra < 2⁵³, so the low word and its carry are exact.
  const hi = Math.floor(now / TWO_32);
  const low = (now - hi * TWO_32) * 1_000_000 + extra;
  const carry = Math.floor(low / TWO_32);
  const lowWord = low - carry * TWO_32;
  const high = hi * 1_000_000 + carry;
  return high > 0 ? high.toString(16) + hex8(lowWord) : lowWord.toString(16);
}

export function eventName(involvedName: string, now: number, revision: number): string {
  // Real recorders use "<name>.<UnixNano in hex>"; the revision keeps names unique within a ms.
  return `${involvedName}.${nanosHex(now, revision % 1_000_000)}`;
}

/**
 * Events are named "<object>.<hex>": a key-prefix range finds one object's events only. Read
 * from the live index's rows and decoded through them (the objects the API server wrote): the
 * same objects a store range would decode, without its KeyValue copies - a settle records an
 * Event for most of its writes.
 */
function eventsNamed(state: SandboxState, namespace: string, name: string): KubeObject[] {
  const prefix = `/registry/events/${namespace}/${name}.`;
  return state.store.live.range(prefix, prefixEnd(prefix)).map(decodeRow);
}

export function recordEvent(client: Client, source: EventSource, input: EventInput): void {
  // Whether a repeat is written depends on time and on stored Events, which loops do not
  // watch: a run that meant to record one is never taken as quiet.
  client.api.wakeAt(client.now);
  const state = client.api.state();
  const inv = input.involved;
  const namespace = inv.metadata.namespace || "default";
  const now = client.now;
  const stamp = formatTime(now);
  const verdict = correlate(
    eventsNamed(state, namespace, inv.metadata.name ?? ""),
    source,
    {
      involvedUid: inv.metadata.uid ?? "",
      type: input.type,
      reason: input.reason,
      message: input.message,
      fieldPath: input.fieldPath,
    },
    now,
  );
  if (verdict.action === "skip") return;
  if (verdict.action === "update") {
    const existing = verdict.event;
    // Bounded settles: a component meeting the same condition on every round writes once.
    if (existing.lastTimestamp === stamp && existing.message === verdict.message) return;
    client.update("", "events", {
      ...existing,
      count: asNumber(existing.count, 1) + 1,
      message: verdict.message,
      lastTimestamp: stamp,
    });
    return;
  }
  // The optional keys are assigned in their order rather than spread from temporary objects
  // (one Event per write of most settles; same keys, same order).
  const involvedObject: Record<string, unknown> = {
    apiVersion: inv.apiVersion,
    kind: inv.kind,
    name: inv.metadata.name,
  };
  if (inv.metadata.namespace) involvedObject.namespace = inv.metadata.namespace;
  if (inv.metadata.uid) involvedObject.uid = inv.metadata.uid;
  if (inv.metadata.resourceVersion) involvedObject.resourceVersion = inv.metadata.resourceVersion;
  if (input.fieldPath) involvedObject.fieldPath = input.fieldPath;
  const eventSource: Record<string, string> = { component: source.component };
  if (source.host) eventSource.host = source.host;
  client.create("", "events", {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: eventName(inv.metadata.name ?? "", now, state.store.revision), namespace },
    involvedObject,
    reason: input.reason,
    message: verdict.message,
    source: eventSource,
    firstTimestamp: stamp,
    lastTimestamp: stamp,
    count: 1,
    type: input.type,
    eventTime: null,
    reportingComponent: source.component,
    reportingInstance: source.host ?? "",
  });
}
