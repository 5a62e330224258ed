// What an etcd client sees when the cluster cannot serve it. The texts are etcd's
// (rpctypes); the API server passes them through unchanged as a 500 Status.

export type EtcdErrorCode = "timeout" | "no-leader" | "unhealthy" | "no-space";

const messages: Record<EtcdErrorCode, string> = {
  // rpctypes.ErrTimeout: a proposal or ReadIndex could not commit (no quorum).
  timeout: "etcdserver: request timed out",
  // rpctypes.ErrNoLeader
  "no-leader": "etcdserver: no leader",
  // rpctypes.ErrNoSpace: the backend quota is used up (here: the sandbox's key limit)
  "no-space": "etcdserver: mvcc: database space exceeded",
  // what `etcdctl endpoint health` prints for an endpoint that cannot commit
  unhealthy: "failed to commit proposal: context deadline exceeded",
};

export class EtcdUnavailableError extends Error {
  constructor(readonly code: EtcdErrorCode) {
    super(messages[code]);
    this.name = "EtcdUnavailableError";
  }
}
