// The per-attempt scheduling record the UI and grader show ("왜 여기에?" / "왜 Pending?"): each
// extension point's verdicts, every evaluated node's filter result and each score plugin's raw,
// normalized and weighted score. As in kube-scheduler, a node's filters stop at the first
// failing plugin, so later plugins did not run on that node.
import type { ExtensionVerdict, PluginScores } from "./framework/framework";
import type { Code } from "./framework/status";

/** A node some filter rejected: the plugin, its status code and reasons. */
export interface NodeFilterVerdict {
  node: string;
  plugin: string;
  code: Code;
  reasons: readonly string[];
}

export interface ScoreTable {
  /** The scored (feasible) nodes; every array below is aligned with it. */
  nodes: string[];
  plugins: PluginScores[];
  /** Σ normalized × weight. */
  totals: number[];
}

export interface PreemptionRecord {
  nominatedNodeName: string;
  /** "namespace/name" of the pods to evict, least important first as chosen. */
  victims: string[];
}

export interface SchedulingRecord {
  pod: string;
  uid: string;
  profile: string;
  /** Virtual time of the attempt (ms), when the caller passed one. */
  timeMs?: number;
  numAllNodes: number;
  /** Nodes examined by the filters (kube-scheduler stops after enough feasible ones). */
  evaluatedNodes: number;
  feasibleNodes: number;
  /** Filter plugins in order, minus those whose PreFilter said Skip. */
  filterPlugins: string[];
  skippedFilterPlugins: string[];
  preFilter: ExtensionVerdict[];
  /** Nodes that passed every filter plugin that ran, in evaluation order. */
  feasible: string[];
  /** Nodes a filter rejected (the other plugins did not run on them, as in kube-scheduler). */
  rejected: NodeFilterVerdict[];
  preScore: ExtensionVerdict[];
  scores?: ScoreTable;
  postFilter: ExtensionVerdict[];
  selectedNode?: string;
  /** The FailedScheduling message when no node was chosen. */
  message?: string;
  preemption?: PreemptionRecord;
}
