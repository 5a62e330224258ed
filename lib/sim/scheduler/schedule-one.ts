// One scheduling cycle (schedule_one.go schedulePod + the failure path): PreFilter, Filter over
// the nodes starting where the previous cycle stopped, PreScore/Score over the feasible ones,
// a seeded pick among the best, or — when nothing fits — PostFilter (preemption) and the
// FailedScheduling message. Pure: the caller binds through the API and owns the events.
import type { Rng } from "../random";
import type { Pod } from "./api-types";
import { fitErrorMessage, newDiagnosis, ERR_NO_NODES_AVAILABLE, type Diagnosis } from "./fit-error";
import type { Framework } from "./framework/framework";
import type { NodeInfo } from "./framework/node-info";
import type { CycleContext } from "./framework/plugin";
import { podInfoOf, type PodInfo } from "./framework/pod-info";
import type { Snapshot } from "./framework/snapshot";
import { Code, type MaybeStatus } from "./framework/status";
import type { NodeFilterVerdict, SchedulingRecord } from "./record";

/** Scheduler state that survives between cycles: where the next node search starts. */
export interface SchedulerCursor {
  nextStartNodeIndex: number;
}

export interface ScheduleOneInput {
  pod: Pod;
  framework: Framework;
  snapshot: Snapshot;
  /** Breaks ties among equally scored nodes (reservoir sampling, as kube-scheduler). */
  rng: Rng;
  cursor: SchedulerCursor;
  /** Add the pod to the snapshot on success (the scheduler's "assume"); default true. */
  assume?: boolean;
  timeMs?: number;
}

export type ScheduleOutcome =
  | { kind: "Scheduled"; nodeName: string; record: SchedulingRecord }
  | {
      kind: "Unschedulable";
      /** The FailedScheduling event / PodScheduled condition message. */
      message: string;
      /**
       * Set when preemption freed room: the pod should wait for this node. "" means preemption
       * found nothing and the pod's earlier nomination must be cleared.
       */
      nominatedNodeName?: string;
      /** Pods preemption chose to evict (the caller deletes them through the API). */
      victims: PodInfo[];
      /**
       * Lower-priority pods nominated to the same node, whose nominatedNodeName the caller
       * clears (they may no longer fit there).
       */
      clearNominations: string[];
      record: SchedulingRecord;
    };

type UnschedulableOutcome = Extract<ScheduleOutcome, { kind: "Unschedulable" }>;

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** numFeasibleNodesToFind: all nodes below 100, else an adaptive share (42% of 1,000). */
export function numFeasibleNodesToFind(
  percentageOfNodesToScore: number,
  numAllNodes: number,
): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND)
      percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes;
}

/** Nodes are filtered in batches; the last batch may run past the stop point (then discarded). */
const FILTER_BATCH = 64;

function filterNodes(
  fw: Framework,
  ctx: CycleContext,
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  cursor: SchedulerCursor | null,
  diagnosis: Diagnosis,
  rejected: NodeFilterVerdict[],
): NodeInfo[] {
  const numAll = nodes.length;
  if (numAll === 0) return [];
  const toFind = numFeasibleNodesToFind(fw.percentageOfNodesToScore, numAll);
  const start = cursor ? cursor.nextStartNodeIndex % numAll : 0;
  const feasible: NodeInfo[] = [];
  // Filled for the batch's indices by runFilterPluginsOnNodes and read only below
  // batch.length: never truncated (setting an array's length is a V8 runtime call).
  const statuses: MaybeStatus[] = [];
  const failedBy: string[] = [];
  let processed = 0;
  for (let base = 0; base < numAll && feasible.length < toFind; base += FILTER_BATCH) {
    const batch: NodeInfo[] = [];
    for (let j = 0; j < FILTER_BATCH && base + j < numAll; j++)
      batch.push(nodes[(start + base + j) % numAll]!);
    fw.runFilterPluginsOnNodes(ctx, pod, batch, statuses, failedBy);
    if (ctx.snapshot.hasNominatedPods) {
      for (let j = 0; j < batch.length; j++) {
        // Nodes where equal-or-higher-priority pods wait: the verdict is the with-nominated one.
        const waiting = ctx.snapshot.nominatedPodsForNode(batch[j]!.name);
        if (!waiting.some((p) => p.priority >= pod.priority && p.key !== pod.key)) continue;
        statuses[j] = fw.runFilterPluginsWithNominatedPods(ctx, pod, batch[j]!);
        failedBy[j] = statuses[j] ? fw.lastFailedPlugin : "";
      }
    }
    // Walk the batch in order, stopping exactly where node-by-node filtering would have stopped.
    for (let j = 0; j < batch.length && feasible.length < toFind; j++) {
      const node = batch[j]!;
      const status = statuses[j];
      processed++;
      if (!status) {
        feasible.push(node);
        continue;
      }
      const plugin = failedBy[j]!;
      diagnosis.nodeToStatus.set(node.name, status);
      diagnosis.unschedulablePlugins.add(plugin);
      rejected.push({ node: node.name, plugin, code: status.code, reasons: status.reasons });
    }
  }
  if (cursor) cursor.nextStartNodeIndex = (start + processed) % numAll;
  return feasible;
}

/**
 * selectHost: the highest total; ties are broken uniformly at random with the seeded PRNG.
 * kube-scheduler samples a reservoir (one random draw per tie); drawing once among the tied
 * nodes gives the same distribution with one draw per cycle.
 */
export function selectHost(totals: readonly number[], rng: Rng): number {
  let max = -Infinity;
  let ties = 0;
  for (let i = 0; i < totals.length; i++) {
    const t = totals[i]!;
    if (t > max) {
      max = t;
      ties = 1;
    } else if (t === max) {
      ties++;
    }
  }
  let pick = ties > 1 ? rng.int(ties) : 0;
  for (let i = 0; i < totals.length; i++) {
    if (totals[i] === max && pick-- === 0) return i;
  }
  return 0;
}

export function scheduleOne(input: ScheduleOneInput): ScheduleOutcome {
  const { framework: fw, snapshot, rng, cursor } = input;
  const pod = podInfoOf(input.pod);
  const state = fw.newCycleState();
  const ctx: CycleContext = { state, snapshot, rng };
  const allNodes = snapshot.nodeInfos;
  const record: SchedulingRecord = {
    pod: pod.key,
    uid: pod.uid,
    profile: fw.profileName,
    ...(input.timeMs !== undefined ? { timeMs: input.timeMs } : {}),
    numAllNodes: allNodes.length,
    evaluatedNodes: 0,
    feasibleNodes: 0,
    filterPlugins: [],
    skippedFilterPlugins: [],
    preFilter: [],
    feasible: [],
    rejected: [],
    preScore: [],
    postFilter: [],
  };
  const fail = (
    message: string,
    victims: PodInfo[] = [],
    nominatedNodeName?: string,
  ): UnschedulableOutcome => {
    record.message = message;
    let clearNominations: string[] = [];
    if (nominatedNodeName) {
      clearNominations = snapshot
        .nominatedPodsForNode(nominatedNodeName)
        .filter((p) => p.priority < pod.priority)
        .map((p) => p.key);
      if (input.assume !== false) {
        // The scheduler's nominator remembers the nomination at once, as kube-scheduler does.
        for (const key of clearNominations) snapshot.deleteNominatedPod(key);
        snapshot.addNominatedPod(pod, nominatedNodeName);
      }
    }
    return {
      kind: "Unschedulable",
      message,
      victims,
      clearNominations,
      ...(nominatedNodeName ? { nominatedNodeName } : {}),
      record,
    };
  };
  if (allNodes.length === 0) return fail(ERR_NO_NODES_AVAILABLE);

  const diagnosis = newDiagnosis();
  const preFilter = fw.runPreFilterPlugins(ctx, pod);
  record.preFilter = preFilter.verdicts;
  record.filterPlugins = fw.filterPlugins
    .map((p) => p.name)
    .filter((n) => !state.skipFilterPlugins.has(n));
  record.skippedFilterPlugins = fw.filterPlugins
    .map((p) => p.name)
    .filter((n) => state.skipFilterPlugins.has(n));

  let feasible: NodeInfo[] = [];
  if (preFilter.status !== null) {
    // Every node gets the PreFilter status, so preemption sees why; the message is PreFilter's.
    for (const node of allNodes) diagnosis.nodeToStatus.set(node.name, preFilter.status);
    diagnosis.preFilterMsg = preFilter.status.message();
    diagnosis.unschedulablePlugins.add(preFilter.status.plugin);
    record.rejected = allNodes.map((n) => ({
      node: n.name,
      plugin: preFilter.status!.plugin,
      code: preFilter.status!.code,
      reasons: preFilter.status!.reasons,
    }));
  } else {
    const nominated = pod.pod.status?.nominatedNodeName;
    const nominatedNode = nominated ? snapshot.get(nominated) : undefined;
    if (nominatedNode) {
      // The node preemption freed for this pod is tried first, alone; if it fails, the full
      // pass below examines it again and its verdict there is the one reported.
      feasible = filterNodes(fw, ctx, pod, [nominatedNode], null, diagnosis, []);
    }
    if (feasible.length === 0) {
      let nodes: readonly NodeInfo[] = allNodes;
      if (state.preFilterNodeNames !== null) {
        const names = state.preFilterNodeNames;
        nodes = allNodes.filter((n) => names.has(n.name));
      }
      feasible = filterNodes(fw, ctx, pod, nodes, cursor, diagnosis, record.rejected);
    }
  }
  record.feasible = feasible.map((n) => n.name);
  record.evaluatedNodes = record.feasible.length + record.rejected.length;
  record.feasibleNodes = feasible.length;

  if (feasible.length === 0) {
    const post = fw.runPostFilterPlugins(ctx, pod, diagnosis.nodeToStatus);
    record.postFilter = post.verdicts;
    diagnosis.postFilterMsg = post.status.message();
    const message = fitErrorMessage(allNodes.length, diagnosis);
    if (post.status.code === Code.Success && post.result) {
      record.preemption = {
        nominatedNodeName: post.result.nominatedNodeName,
        victims: post.result.victims.map((v) => v.key),
      };
      return fail(message, post.result.victims, post.result.nominatedNodeName);
    }
    if (post.result?.nominatedNodeName === "" && pod.pod.status?.nominatedNodeName) {
      // Preemption found no candidate: a stale nomination is cleared (ModeOverride with "").
      if (input.assume !== false) snapshot.deleteNominatedPod(pod.key);
      const outcome = fail(message);
      return { ...outcome, nominatedNodeName: "" };
    }
    return fail(message);
  }

  let chosen: NodeInfo;
  if (feasible.length === 1) {
    chosen = feasible[0]!;
  } else {
    record.preScore = fw.runPreScorePlugins(ctx, pod, feasible);
    const scores = fw.runScorePlugins(ctx, pod, feasible);
    record.scores = { nodes: record.feasible, plugins: scores.plugins, totals: scores.totals };
    chosen = feasible[selectHost(scores.totals, rng)]!;
  }
  record.selectedNode = chosen.name;
  if (input.assume !== false) snapshot.addPod(pod, chosen.name);
  return { kind: "Scheduled", nodeName: chosen.name, record };
}
