// The scheduling framework's extension points (pkg/scheduler/framework/interface.go). A plugin
// is an object with a name and any of these methods; the profile lists which run and in what
// order. Returning null from a verdict means Success, as a nil *Status does in Go.
import type { Rng } from "../../random";
import type { CycleState } from "./cycle-state";
import type { NodeInfo } from "./node-info";
import type { PodInfo } from "./pod-info";
import type { Snapshot } from "./snapshot";
import type { MaybeStatus, Status } from "./status";

/** What every extension point receives besides the pod: the cycle's state and the cluster view. */
export interface CycleContext {
  readonly state: CycleState;
  readonly snapshot: Snapshot;
  /** The engine's seeded PRNG, for the few random choices kube-scheduler makes. */
  readonly rng?: Rng;
}

export interface Plugin {
  readonly name: string;
}

export interface PreFilterPlugin extends Plugin {
  /** Precomputes per-cycle data; Skip disables this plugin's Filter for the cycle. */
  preFilter(ctx: CycleContext, pod: PodInfo): MaybeStatus;
  /** Keeps the PreFilter data right when preemption adds or removes pods from a node. */
  addPod?(ctx: CycleContext, pod: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): void;
  removePod?(ctx: CycleContext, pod: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): void;
}

export interface FilterPlugin extends Plugin {
  filter(ctx: CycleContext, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  /**
   * An optimisation hook, not an extension point: false when filter() would pass every node for
   * this pod (e.g. NodeName for a pod without spec.nodeName), so the framework need not call it.
   * Unlike a PreFilter Skip it changes nothing visible: the plugin still counts as having run.
   */
  passesAllNodes?(pod: PodInfo): boolean;
  /**
   * Optional batch form of filter(): sets out[i] = filter(nodes[i]) for every i where out[i] is
   * still null (nodes no earlier plugin rejected). Same verdicts, one monomorphic loop.
   */
  filterNodes?(
    ctx: CycleContext,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    out: MaybeStatus[],
  ): void;
}

export interface PostFilterResult {
  nominatedNodeName: string;
  victims: PodInfo[];
}

export interface PostFilterPlugin extends Plugin {
  /** Runs when no node fits (preemption); `statuses` is every filtered node's failure. */
  postFilter(
    ctx: CycleContext,
    pod: PodInfo,
    statuses: ReadonlyMap<string, Status>,
  ): { result: PostFilterResult | null; status: MaybeStatus };
}

export interface PreScorePlugin extends Plugin {
  /** Precomputes scoring data over the feasible nodes; Skip disables this plugin's Score. */
  preScore(ctx: CycleContext, pod: PodInfo, nodes: readonly NodeInfo[]): MaybeStatus;
}

export interface ScorePlugin extends Plugin {
  /** A raw score; after normalizeScore every score must be within [0, MAX_NODE_SCORE]. */
  score(ctx: CycleContext, pod: PodInfo, nodeInfo: NodeInfo): number;
  /**
   * Optional batch form of score() over many nodes (same results). Each plugin's own loop keeps
   * its call site monomorphic, which matters when scoring hundreds of nodes per pod.
   */
  scoreNodes?(ctx: CycleContext, pod: PodInfo, nodes: readonly NodeInfo[], out: number[]): void;
  /** Rewrites `scores` (aligned with `nodes`) in place, e.g. scaling to 0..100. */
  normalizeScore?(
    ctx: CycleContext,
    pod: PodInfo,
    scores: number[],
    nodes: readonly NodeInfo[],
  ): void;
}

export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

export function isPreFilter(p: Plugin): p is PreFilterPlugin {
  return typeof (p as Partial<PreFilterPlugin>).preFilter === "function";
}
export function isFilter(p: Plugin): p is FilterPlugin {
  return typeof (p as Partial<FilterPlugin>).filter === "function";
}
export function isPostFilter(p: Plugin): p is PostFilterPlugin {
  return typeof (p as Partial<PostFilterPlugin>).postFilter === "function";
}
export function isPreScore(p: Plugin): p is PreScorePlugin {
  return typeof (p as Partial<PreScorePlugin>).preScore === "function";
}
export function isScore(p: Plugin): p is ScorePlugin {
  return typeof (p as Partial<ScorePlugin>).score === "function";
}
