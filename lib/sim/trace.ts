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

  record(entry: TraceNote): void {
    this.entries.push(stamp(entry, this.now()));
  }
}

/**
 * The stored entry of a note, in one fixed field order - at, ok, from, to, action, detail,
 * revision - whatever order the note was written in, with undefined fields left out (the
 * order JSON shows). Built as one literal of a fixed shape: the trace of every request of a
 * settle is kept, so the intermediate copies per entry were a share of its garbage.
 */
function stamp(note: TraceNote, at: number): TraceEntry {
  const { from, to, action, detail, revision } = note;
  const ok = note.ok ?? true;
  if (detail === undefined) {
    return revision === undefined
      ? { at, ok, from, to, action }
      : { at, ok, from, to, action, revision };
  }
  return revision === undefined
    ? { at, ok, from, to, action, detail }
    : { at, ok, from, to, action, detail, revision };
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
  if (notes.before?.length) entries.unshift(...notes.before.map((n) => stamp(n, at)));
  if (notes.after) for (const n of notes.after) entries.push(stamp(n, at));
}
