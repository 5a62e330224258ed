// The control loops of a kubeadm cluster, in the order one settle round runs them:
// leader elections, the kubelets, kube-scheduler, then kube-controller-manager's
// controllers. Components that elect a leader act only while theirs holds the Lease.

import type { ControlLoop, EngineOptions } from "../engine";
import { controllerLoops } from "../controllers";
import { kubeletsLoop } from "../kubelet/kubelet";
import { isLeader, leaderElectionLoop } from "../leader-election/leader-election";
import { schedulerLoop, type RecordSink } from "./scheduler-loop";

export interface ClusterLoopOptions {
  /** Gate the scheduler and controllers on leader election (default true). */
  leaderElection?: boolean;
  /** Receives each scheduling attempt's record. */
  onSchedulingRecord?: RecordSink;
}

export function clusterLoops(opts: ClusterLoopOptions = {}): ControlLoop[] {
  const elect = opts.leaderElection ?? true;
  return [
    ...(elect
      ? [leaderElectionLoop("kube-scheduler"), leaderElectionLoop("kube-controller-manager")]
      : []),
    kubeletsLoop(),
    schedulerLoop(elect ? isLeader("kube-scheduler") : undefined, opts.onSchedulingRecord),
    ...controllerLoops(elect ? isLeader("kube-controller-manager") : undefined),
  ];
}

/**
 * Engine options for sandboxes with a cluster: its loops. The components pass the API server's
 * own authorizers (Node for kubelets, RBAC with the bootstrapped system:* roles for the rest).
 */
export function clusterEngineOptions(opts: ClusterLoopOptions = {}): EngineOptions {
  if (opts.leaderElection === undefined && opts.onSchedulingRecord === undefined) {
    return (shared ??= Object.freeze({ loops: Object.freeze(clusterLoops()), maxRounds: 50 }));
  }
  return { loops: clusterLoops(opts), maxRounds: 50 };
}

// The default loops are ONE set per process. A loop's quiet notes (loop-quiet.ts) and a
// controller's per-key reconcile notes are kept per loop object, so the terminal's catch-ups
// (lib/terminal/db-env.ts), the requests' settles (configureSandboxEngine) and the template's
// build each building their own set meant that none saw what the others had noted: after a
// write's settle, the next catch-up ran every loop and re-reconciled every key once more.
let shared: EngineOptions | undefined;
