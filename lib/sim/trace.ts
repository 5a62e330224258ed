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

  /**
   * A step the API server takes alike for many requests - authenticating a user, authorizing
   * with a verdict, admitting and validating a kind, a linearizable read, answering a code -
   * recorded as the entry every request with that step at the same time shares (sharedStep).
   */
  recordStep(from: Component, to: Component, action: string, detail: string, ok = true): void {
    this.entries.push(sharedStep(from, to, action, detail, ok, this.now()));
  }
}

// Shared step entries by the component they go to, then by detail. The trace of every request
// of a settle is kept (#4: the traces were a sixth of what a settle left alive, and most of their
// entries say the same as the previous request's), so an entry equal to one already made is
// the same object, frozen: a shared entry changed through one trace would change the others.
const steps = new Map<Component, Map<string, TraceEntry>>();
const STEPS_PER_COMPONENT = 256;

/** The frozen entry { at, ok, from, to, action, detail }, shared with every equal one. */
export function sharedStep(
  from: Component,
  to: Component,
  action: string,
  detail: string,
  ok: boolean,
  at: number,
): TraceEntry {
  let byDetail = steps.get(to);
  if (byDetail === undefined) {
    byDetail = new Map();
    steps.set(to, byDetail);
  }
  const hit = byDetail.get(detail);
  if (
    hit !== undefined &&
    hit.at === at &&
    hit.ok === ok &&
    hit.from === from &&
    hit.action === action
  ) {
    return hit;
  }
  if (byDetail.size >= STEPS_PER_COMPONENT) byDetail.clear();
  const entry: TraceEntry = Object.freeze({ at, ok, from, to, action, detail });
  byDetail.set(detail, entry);
  return entry;
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

/**
 * Applies a loop's notes to the trace of one of its requests (a fresh trace, changed in place;
 * a shared step naming the client is replaced by the shared step naming the component).
 */
export function annotateTrace(entries: TraceEntry[], at: number, notes: TraceNotes): void {
  const component = notes.component;
  if (component) {
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.from !== "client" && e.to !== "client") continue;
      const from = e.from === "client" ? component : e.from;
      const to = e.to === "client" ? component : e.to;
      if (Object.isFrozen(e)) {
        const { action, detail, revision, ok } = e;
        entries[i] =
          detail !== undefined && revision === undefined
            ? sharedStep(from, to, action, detail, ok, e.at)
            : stamp({ from, to, action, detail, revision, ok }, e.at);
      } else {
        e.from = from;
        e.to = to;
      }
    }
  }
  if (notes.before?.length) entries.unshift(...notes.before.map((n) => stamp(n, at)));
  if (notes.after) for (const n of notes.after) entries.push(stamp(n, at));
}
