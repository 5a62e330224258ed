// kubectl describe's PrefixWriter and the helpers every describer shares
// (k8s.io/kubectl/pkg/describe): indentation levels of two spaces, labels and
// annotations on several lines, RFC 1123 times, the Events table. The text is
// tab-separated; describe() passes it through Go's tabwriter at the end.

import type { KubeObject } from "../../../apiserver/object";
import { humanDuration } from "../../../apiserver/printers/format";
import { goTabwrite } from "./tabwriter";

export class PrefixWriter {
  private text = "";
  /** w.Write(level, s): s after 2 × level spaces. */
  write(level: number, s: string): void {
    this.text += "  ".repeat(level) + s;
  }
  /** w.WriteLine(a...): the words joined by spaces and a newline. */
  line(...words: string[]): void {
    this.text += `${words.join(" ")}\n`;
  }
  /** tabbedString: the whole text through tabwriter.NewWriter(out, 0, 8, 2, ' ', 0). */
  toString(): string {
    return goTabwrite(this.text);
  }
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** time.RFC1123Z in UTC: "Thu, 26 Nov 2026 08:01:39 +0000". */
export function rfc1123z(iso: string | undefined | null): string {
  if (!iso) return "Mon, 01 Jan 0001 00:00:00 +0000";
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** translateTimestampSince. */
export function since(iso: string | undefined | null, now: number): string {
  if (!iso) return "<unknown>";
  return humanDuration(now - Date.parse(iso));
}

/** printLabelsMultilineWithIndent. */
export function labelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = "",
  innerIndent = "\t",
): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return w.line("<none>");
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, `${initialIndent}${innerIndent}`);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const SKIP_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);
const MAX_ANNOTATION_LEN = 140;
const shorten = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}...` : s);

/** printAnnotationsMultiline: the apply annotation skipped, long values on their own lines. */
export function annotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) return w.line("<none>");
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, "\t");
    const value = annotations![k]!.replace(/\n$/, "");
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(0, `${k}:\n`);
      for (const s of value.split("\n")) w.write(0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else w.write(0, `${k}: ${value}\n`);
  });
}

export interface EventLike {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  source?: { component?: string };
  reportingComponent?: string;
  reportingController?: string;
  series?: { count?: number; lastObservedTime?: string };
  involvedObject?: { uid?: string; name?: string; kind?: string; namespace?: string };
  metadata?: { creationTimestamp?: string };
}

/** Oldest first, as event.SortableEvents sorts (by lastTimestamp). */
function eventTime(e: EventLike): number {
  return Date.parse(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? "") || 0;
}

/** DescribeEvents: "<none>", or the Type/Reason/Age/From/Message table. */
export function describeEvents(
  w: PrefixWriter,
  events: readonly EventLike[] | undefined,
  now: number,
): void {
  if (!events) return;
  if (events.length === 0) return w.write(0, "Events:\t<none>\n");
  w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(1, "----\t------\t----\t----\t-------\n");
  const sorted = [...events].sort((a, b) => eventTime(a) - eventTime(b));
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    let interval = first;
    if (e.series)
      interval = `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1)
      interval = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingController || "";
    w.write(
      1,
      `${e.type ?? ""}\t${e.reason ?? ""}\t${interval}\t${source}\t${(e.message ?? "").trim()}\n`,
    );
  }
}

/** printController: "ReplicaSet/web-7d4bcbbf5b". */
export function controlledBy(o: KubeObject): string | undefined {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : undefined;
}

/** Go's %v of a *bool: "<nil>" when unset. */
export const ptrBool = (b: boolean | undefined | null) =>
  b === undefined || b === null ? "<nil>" : String(b);

/** Lists of tolerations (printTolerationsMultilineWithIndent). */
export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export function tolerationsMultiline(
  w: PrefixWriter,
  title: string,
  tolerations: readonly Toleration[] | undefined,
  initialIndent = "",
  innerIndent = "\t",
): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations?.length) return w.line("<none>");
  const sorted = [...tolerations].sort((a, b) =>
    (a.key ?? "") < (b.key ?? "") ? -1 : (a.key ?? "") > (b.key ?? "") ? 1 : 0,
  );
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, `${initialIndent}${innerIndent}`);
    let s = t.key ?? "";
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) s += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
      s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}
