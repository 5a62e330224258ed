// Errors the store raises, with etcd's own texts so the layers above (apiserver,
// etcdctl) can show them the way real clusters do.

export type StoreErrorCode =
  | "compacted"
  | "future-revision"
  | "request-too-large"
  | "lease-not-found"
  | "key-not-found"
  | "invalid";

const messages: Record<StoreErrorCode, string> = {
  // go.etcd.io/etcd/server/v3/mvcc: ErrCompacted / ErrFutureRev
  compacted: "mvcc: required revision has been compacted",
  "future-revision": "mvcc: required revision is a future revision",
  // rpctypes.ErrRequestTooLarge
  "request-too-large": "etcdserver: request is too large",
  // rpctypes.ErrLeaseNotFound
  "lease-not-found": "etcdserver: requested lease not found",
  "key-not-found": "etcdserver: key not found",
  invalid: "etcdserver: invalid request",
};

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string = messages[code],
    /** For "compacted": the revision the store is compacted at. */
    readonly compactRevision?: number,
  ) {
    super(message);
    this.name = "StoreError";
  }
}

/** etcd's default --max-request-bytes (1.5 MiB), which also bounds a single value. */
export const MAX_REQUEST_BYTES = 1.5 * 1024 * 1024;
