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
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}
