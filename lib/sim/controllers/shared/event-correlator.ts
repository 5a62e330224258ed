// client-go's EventCorrelator (tools/record/events_cache.go) for the components' recorders:
//   - aggregation: the 10th distinct message with the same source, object, type and reason
//     within 10 minutes becomes one Event "(combined from similar events): <message>", and
//     later ones bump its count;
//   - de-duplication: an identical Event bumps count and lastTimestamp;
//   - spam filter: a source may write 25 Events about one object, then one per 5 minutes
//     (a token bucket per source and object).
// A real recorder keeps these caches in its process; a sandbox is a value rebuilt between
// requests, so the caches are read back from the object's stored Events (deterministic, and
// they survive a reload). The token bucket is refilled from the newest Event on: a source
// that stays quiet for 25 × 5 minutes has its full burst again, as the real bucket would.
import type { KubeObject } from "../../apiserver/object";
import { asNumber, asObj, asString } from "./fields";

export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_SECONDS = 600;
export const SPAM_BURST = 25;
export const SPAM_REFILL_SECONDS = 300;
export const AGGREGATE_PREFIX = "(combined from similar events): ";

export interface CorrelatorSource {
  component: string;
  host?: string;
}

export interface CorrelatorInput {
  involvedUid: string;
  type: string;
  reason: string;
  message: string;
  fieldPath?: string;
}

export type Correlation =
  /** The spam filter dropped it: nothing is written. */
  | { action: "skip" }
  /** A new Event (count 1) with this message. */
  | { action: "create"; message: string }
  /** Bump this stored Event: count + 1, this message, lastTimestamp now. */
  | { action: "update"; event: KubeObject; message: string };

// Stored Events of one settle carry the same few stamps: parse each once.
let lastStamp = "";
let lastSeconds = 0;
const seconds = (stamp: unknown): number => {
  const text = asString(stamp);
  if (text !== lastStamp) {
    const ms = Date.parse(text);
    lastSeconds = Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
    lastStamp = text;
  }
  return lastSeconds;
};

/**
 * What the recorder does with a new Event, given the Events already stored about the same
 * object (any source). `now` is virtual time in milliseconds. One pass over the stored Events
 * (every component records several per object and settle).
 */
export function correlate(
  stored: readonly KubeObject[],
  source: CorrelatorSource,
  input: CorrelatorInput,
  now: number,
): Correlation {
  const component = source.component;
  const host = source.host ?? "";
  const fieldPath = input.fieldPath ?? "";
  // This source's Events about the object: the tokens they took, the newest; those of the
  // same type and reason (aggregation), the newest of them; the same Event (de-duplication).
  let mine = 0;
  let used = 0;
  let newest = 0;
  let newestSimilar = 0;
  const similar: KubeObject[] = [];
  let same: KubeObject | undefined;
  for (const e of stored) {
    const s = asObj(e.source);
    if (
      asObj(e.involvedObject).uid !== input.involvedUid ||
      asString(s.component) !== component ||
      asString(s.host) !== host
    ) {
      continue;
    }
    mine++;
    used += asNumber(e.count, 1);
    const at = seconds(e.lastTimestamp);
    if (at > newest) newest = at;
    if (e.type !== input.type || e.reason !== input.reason) continue;
    similar.push(e);
    if (at > newestSimilar) newestSimilar = at;
    if (
      !same &&
      e.message === input.message &&
      asString(asObj(e.involvedObject).fieldPath) === fieldPath
    ) {
      same = e;
    }
  }
  // The first Event of this source about the object (most are): a new Event, a token to spare.
  if (mine === 0) return { action: "create", message: input.message };
  const nowSeconds = Math.floor(now / 1000);
  const recent =
    similar.length > 0 && nowSeconds - newestSimilar <= AGGREGATE_INTERVAL_SECONDS ? similar : [];
  const messages = new Set<unknown>();
  let aggregate: KubeObject | undefined;
  for (const e of recent) {
    if (asString(e.message).startsWith(AGGREGATE_PREFIX)) aggregate ??= e;
    else messages.add(e.message);
  }

  let result: Correlation;
  if (!messages.has(input.message) && messages.size + 1 >= AGGREGATE_MAX_EVENTS) {
    // EventAggregate: the aggregate Event is keyed without the message.
    const message = AGGREGATE_PREFIX + input.message;
    result = aggregate
      ? { action: "update", event: aggregate, message }
      : { action: "create", message };
  } else {
    // eventObserve: the same Event again (same object, field, reason and message).
    result = same
      ? { action: "update", event: same, message: input.message }
      : { action: "create", message: input.message };
  }

  // EventSourceObjectSpamFilter: every occurrence from this source about the object took a token.
  const refilled = Math.floor((nowSeconds - newest) / SPAM_REFILL_SECONDS);
  const tokens = Math.min(SPAM_BURST, SPAM_BURST - used + refilled);
  return tokens >= 1 ? result : { action: "skip" };
}
