// Component-interaction trace: who called whom during one request, with the etcd
// revision and virtual time, so the UI can draw the lesson's sequence diagram from
// a real run instead of a picture.

export type Component =
  | "client"
  | "authn"
  | "authz"
  | "mutating-admission"
  | "validation"
  | "validating-admission"
  | "kube-apiserver"
  | "etcd"
  | "scheduler"
  | "controller-manager"
  | "kubelet"
  | "container-runtime"
  | "kube-proxy";

export interface TraceEntry {
  /** Virtual time in epoch milliseconds. */
  at: number;
  from: Component;
  to: Component;
  /** Short machine-friendly action, e.g. "authorize", "txn", "watch-event". */
  action: string;
  /** Human detail, e.g. `RBAC: allowed by ClusterRoleBinding "cluster-admin"`. */
  detail?: string;
  /** The etcd revision a store write produced. */
  revision?: number;
  ok: boolean;
}

export class TraceRecorder {
  readonly entries: TraceEntry[] = [];
  constructor(private readonly now: () => number) {}

  record(entry: Omit<TraceEntry, "at" | "ok"> & { ok?: boolean }): void {
    this.entries.push({ at: this.now(), ok: entry.ok ?? true, ...stripUndefined(entry) });
  }
}

function stripUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const k in value) {
    const v = value[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}

/** What a control loop adds to the trace of its own request (engine settle). */
export interface TraceNotes {
  /** Who sent the request: replaces "client" in the recorded entries. */
  component?: Component;
  /** Steps before the request (e.g. the watch event that woke the component). */
  before?: TraceNote[];
  /** Steps after it (e.g. the kubelet's CRI calls to the runtime). */
  after?: TraceNote[];
}

export type TraceNote = Omit<TraceEntry, "at" | "ok"> & { ok?: boolean };

/** Applies a loop's notes to the trace of one of its requests (a fresh trace, changed in place). */
export function annotateTrace(entries: TraceEntry[], at: number, notes: TraceNotes): void {
  const component = notes.component;
  if (component) {
    for (const e of entries) {
      if (e.from === "client") e.from = component;
      if (e.to === "client") e.to = component;
    }
  }
  const stamp = (n: TraceNote): TraceEntry => ({ at, ok: n.ok ?? true, ...stripUndefined(n) });
  entries.unshift(...(notes.before ?? []).map(stamp));
  entries.push(...(notes.after ?? []).map(stamp));
}
