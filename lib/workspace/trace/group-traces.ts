// A learner's command, as the trace log sees it: the requests the client (kubectl,
// the editor's apply) sent, followed by what the control plane did in reaction —
// the scheduler binding, controllers creating objects, the kubelet starting
// containers — until the next client request. Lease renewals and event posts are
// background noise for this view and are left out.

import type { RequestTrace } from "@/lib/sim";

export interface CommandTrace {
  /** "create pods default/web"-like label of the first client request. */
  label: string;
  /** Virtual time of the first entry (ms). */
  at: number;
  traces: RequestTrace[];
}

const fromClient = (t: RequestTrace) => t.entries.some((e) => e.from === "client");

function isBackground(t: RequestTrace): boolean {
  return /\/leases\/|\/events(\/|$)/.test(t.requestURI);
}

function label(t: RequestTrace): string {
  return `${t.verb} ${t.requestURI.replace(/\?.*$/, "")}`;
}

/** Groups a trace log (oldest first) into commands, newest last; at most `limit` commands. */
export function groupCommands(traces: readonly RequestTrace[], limit = 10): CommandTrace[] {
  const groups: CommandTrace[] = [];
  let current: CommandTrace | null = null;
  let lastWasClient = false;
  for (const t of traces) {
    const client = fromClient(t);
    if (client && !lastWasClient) {
      current = { label: label(t), at: t.entries[0]?.at ?? 0, traces: [] };
      groups.push(current);
    }
    lastWasClient = client;
    // Reactions before any client request (the start of the log) belong to no command.
    if (!current || (!client && isBackground(t))) continue;
    current.traces.push(t);
  }
  return groups.slice(-limit);
}
