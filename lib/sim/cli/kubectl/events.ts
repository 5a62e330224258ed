// kubectl events: its own printer (not the server's Table): LAST SEEN, TYPE, REASON,
// OBJECT (`Kind/name`), MESSAGE, NAMESPACE first with -A; rows sorted by the event's
// time with Go's sort.Sort, as kubectl does (unstable: equal times keep Go's order).
// -o prints the EventList through the usual printers.

import { humanDuration } from "../../apiserver/printers/format";
import { tabwrite } from "../../kubeadm/tabwriter";
import { CliError } from "../errors";
import type { KubeObject } from "../../apiserver/object";
import { toGoYaml } from "../../topology/go-yaml";
import { ok, type CommandContext, type CommandResult } from "../types";
import { expectObject, groupVersionPath, resolveResource } from "./api";
import { flagArray, flagBool, flagString, parseFlags } from "./flags";
import { goSort } from "./go-sort";
import { eventListJson } from "./event-json";
import { printerFor, withoutManagedFields } from "./output";

interface EventObject {
  metadata?: { name?: string; namespace?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  eventTime?: string | null;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  series?: { count?: number; lastObservedTime?: string } | null;
  involvedObject?: { kind?: string; name?: string };
}

const time = (t: string | null | undefined) => (t ? Date.parse(t) : NaN);

/** kubectl's eventTime(): the series' last observation, else lastTimestamp, else eventTime. */
function eventTime(e: EventObject): number {
  if (e.series) return time(e.series.lastObservedTime) || 0;
  const last = time(e.lastTimestamp);
  if (!Number.isNaN(last)) return last;
  return time(e.eventTime) || 0;
}

function since(t: string | null | undefined, now: number): string {
  const ms = time(t);
  return Number.isNaN(ms) ? "<unknown>" : humanDuration(now - ms);
}

/** kubectl events' LAST SEEN: "5s", or "5s (x3 over 2m)" for repeated events. */
function lastSeen(e: EventObject, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series)
    return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

export async function kubectlEvents(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "all-namespaces", short: "A", type: "bool" },
      { name: "for", type: "string" },
      { name: "types", type: "array" },
      { name: "watch", short: "w", type: "bool" },
      { name: "output", short: "o", type: "string" },
      { name: "no-headers", type: "bool" },
      { name: "chunk-size", type: "int" },
    ],
    "kubectl events",
  );
  const allNs = flagBool(p, "all-namespaces");
  const namespace = flagString(p, "namespace") ?? ctx.session.namespace;
  const query: Record<string, string> = {};
  const target = flagString(p, "for");
  if (target) {
    if (!target.includes("/")) throw new CliError(`error: --for must be in resource/name form`);
    const seg = target.split("/");
    if (seg.length !== 2)
      throw new CliError("error: arguments in resource/name form may not have more than one slash");
    const info = await resolveResource(ctx.env, seg[0]!.toLowerCase());
    const gv = info.group ? `${info.group}/${info.version}` : info.version;
    query.fieldSelector = [
      `involvedObject.kind=${info.kind}`,
      `involvedObject.apiVersion=${gv}`,
      `involvedObject.name=${seg[1]}`,
    ].join(",");
  }
  const types = [...new Set(flagArray(p, "types"))].sort();
  for (const t of types)
    if (!/^(normal|warning)$/i.test(t))
      throw new CliError("error: valid --types are Normal or Warning");
  const path = `${groupVersionPath({ group: "", version: "v1" })}${allNs ? "" : `/namespaces/${namespace}`}/events`;
  const list = expectObject<{ items?: EventObject[] }>(
    await ctx.env.request({ method: "GET", path, query }),
  );
  const items = (list.items ?? []).filter(
    (e) =>
      types.length === 0 || types.some((t) => t.toLowerCase() === (e.type ?? "").toLowerCase()),
  );
  if (items.length === 0)
    return {
      stdout: "",
      stderr: allNs ? "No events found.\n" : `No events found in ${namespace} namespace.\n`,
      exitCode: 0,
    };
  const sorted = goSort(items, (a, b) => eventTime(a) < eventTime(b));
  const output = flagString(p, "output");
  if (output) {
    // kubectl decodes into a typed EventList: items get their TypeMeta, the list's
    // metadata stays empty.
    const withKind = sorted.map((e) =>
      withoutManagedFields({ apiVersion: "v1", kind: "Event", ...e } as KubeObject),
    );
    const list = { apiVersion: "v1", items: withKind, kind: "EventList", metadata: {} };
    if (output === "yaml") return ok(toGoYaml(list));
    if (output === "json") return ok(`${eventListJson(list)}\n`);
    const printer = printerFor(output, flagBool(p, "no-headers"));
    if (printer) return ok(printer.print(withKind, false, () => "event"));
  }
  const now = ctx.env.now();
  const rows: string[][] = [];
  if (!flagBool(p, "no-headers"))
    rows.push([
      ...(allNs ? ["NAMESPACE"] : []),
      "LAST SEEN",
      "TYPE",
      "REASON",
      "OBJECT",
      "MESSAGE",
    ]);
  for (const e of sorted)
    rows.push([
      ...(allNs ? [e.metadata?.namespace ?? ""] : []),
      lastSeen(e, now),
      e.type ?? "",
      e.reason ?? "",
      `${e.involvedObject?.kind ?? ""}/${e.involvedObject?.name ?? ""}`,
      (e.message ?? "").trim(),
    ]);
  return { stdout: tabwrite(rows, 6, 3), stderr: "", exitCode: 0 };
}
