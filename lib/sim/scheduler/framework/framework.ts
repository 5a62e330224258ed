// frameworkImpl: runs a profile's plugins at each extension point in order, the way
// pkg/scheduler/framework/runtime does (first failing Filter decides a node; Skip statuses from
// PreFilter/PreScore disable that plugin's Filter/Score for the cycle).
import { CycleState } from "./cycle-state";
import type { NodeInfo } from "./node-info";
import {
  isFilter,
  isPostFilter,
  isPreFilter,
  isPreScore,
  isScore,
  MAX_NODE_SCORE,
  MIN_NODE_SCORE,
  type CycleContext,
  type FilterPlugin,
  type Plugin,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from "./plugin";
import type { PodInfo } from "./pod-info";
import { SchedulerError } from "./scheduler-error";
import { Code, Status, type MaybeStatus } from "./status";

export interface WeightedScorePlugin {
  plugin: ScorePlugin;
  weight: number;
}

/** One plugin's verdict at a cycle-wide extension point (PreFilter, PreScore, PostFilter). */
export interface ExtensionVerdict {
  plugin: string;
  code: Code;
  reasons: readonly string[];
}

export interface PluginScores {
  plugin: string;
  weight: number;
  /** false when the plugin's PreScore returned Skip (its score is not counted). */
  ran: boolean;
  raw: number[];
  normalized: number[];
}

export interface ScoreResult {
  plugins: PluginScores[];
  /** Σ normalized × weight per node, aligned with the nodes passed in. */
  totals: number[];
}

export class Framework {
  readonly preFilterPlugins: PreFilterPlugin[];
  readonly filterPlugins: FilterPlugin[];
  readonly postFilterPlugins: PostFilterPlugin[];
  readonly preScorePlugins: PreScorePlugin[];
  readonly scorePlugins: WeightedScorePlugin[];

  constructor(
    readonly profileName: string,
    plugins: ReadonlyArray<{ plugin: Plugin; weight?: number }>,
    /** KubeSchedulerConfiguration.percentageOfNodesToScore; 0 means the adaptive default. */
    readonly percentageOfNodesToScore = 0,
  ) {
    const list = plugins.map((p) => p.plugin);
    this.preFilterPlugins = list.filter(isPreFilter);
    this.filterPlugins = list.filter(isFilter);
    this.postFilterPlugins = list.filter(isPostFilter);
    this.preScorePlugins = list.filter(isPreScore);
    this.scorePlugins = plugins
      .filter((p) => isScore(p.plugin))
      .map((p) => ({ plugin: p.plugin as ScorePlugin, weight: p.weight ?? 1 }));
    for (const p of this.scorePlugins) {
      if (p.weight <= 0)
        throw new SchedulerError(
          "UnknownPlugin",
          `score plugin ${p.plugin.name} needs a positive weight`,
        );
    }
  }

  newCycleState(): CycleState {
    return new CycleState();
  }

  /** RunPreFilterPlugins: stops at the first non-success, non-skip status. */
  runPreFilterPlugins(
    ctx: CycleContext,
    pod: PodInfo,
  ): { status: MaybeStatus; verdicts: ExtensionVerdict[] } {
    const verdicts: ExtensionVerdict[] = [];
    for (const plugin of this.preFilterPlugins) {
      const status = plugin.preFilter(ctx, pod);
      verdicts.push({
        plugin: plugin.name,
        code: status?.code ?? Code.Success,
        reasons: status?.reasons ?? [],
      });
      if (status === null || status.code === Code.Success) continue;
      if (status.code === Code.Skip) {
        ctx.state.skipFilterPlugins.add(plugin.name);
        ctx.state.activeFilters = null;
        continue;
      }
      return { status: status.withPlugin(plugin.name), verdicts };
    }
    return { status: null, verdicts };
  }

  /** The plugin that rejected the node in the last runFilterPlugins call. */
  lastFailedPlugin = "";

  /**
   * RunFilterPlugins: the first failing plugin's status (null if all pass); its name is left in
   * lastFailedPlugin so statuses can be shared constants.
   */
  runFilterPlugins(ctx: CycleContext, pod: PodInfo, node: NodeInfo): MaybeStatus {
    const plugins = this.activeFilterPlugins(ctx, pod);
    for (let i = 0; i < plugins.length; i++) {
      const plugin = plugins[i]!;
      const status = plugin.filter(ctx, pod, node);
      if (status !== null && status.code !== Code.Success) {
        this.lastFailedPlugin = plugin.name;
        return status;
      }
    }
    return null;
  }

  /**
   * RunFilterPlugins over a batch of nodes, plugin by plugin (each node still stops at its first
   * failing plugin, so verdicts equal the node-by-node order). out[i] gets the status (null =
   * passed) and failedBy[i] the rejecting plugin.
   */
  runFilterPluginsOnNodes(
    ctx: CycleContext,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    out: MaybeStatus[],
    failedBy: string[],
  ): void {
    const n = nodes.length;
    for (let i = 0; i < n; i++) {
      out[i] = null;
      failedBy[i] = "";
    }
    for (const plugin of this.activeFilterPlugins(ctx, pod)) {
      if (plugin.filterNodes) {
        plugin.filterNodes(ctx, pod, nodes, out);
      } else {
        for (let i = 0; i < n; i++)
          if (out[i] === null) out[i] = plugin.filter(ctx, pod, nodes[i]!);
      }
      for (let i = 0; i < n; i++) {
        const status = out[i];
        if (status === null || status === undefined) continue;
        if (status.code === Code.Success) out[i] = null;
        else if (failedBy[i] === "") failedBy[i] = plugin.name;
      }
    }
  }

  /** The filters worth calling for this pod this cycle, computed once per cycle state. */
  private activeFilterPlugins(ctx: CycleContext, pod: PodInfo): FilterPlugin[] {
    const state = ctx.state;
    if (state.activeFilters !== null && state.activeFiltersPod === pod) {
      return state.activeFilters as FilterPlugin[];
    }
    const active = this.filterPlugins.filter(
      (p) => !state.skipFilterPlugins.has(p.name) && p.passesAllNodes?.(pod) !== true,
    );
    state.activeFilters = active;
    state.activeFiltersPod = pod;
    return active;
  }

  /**
   * RunFilterPluginsWithNominatedPods: when equal-or-higher-priority pods are nominated to the
   * node, the pod must fit both with them counted as running (first pass) and without them
   * (second pass), a conservative choice as in kube-scheduler.
   */
  runFilterPluginsWithNominatedPods(ctx: CycleContext, pod: PodInfo, node: NodeInfo): MaybeStatus {
    const nominated = ctx.snapshot
      .nominatedPodsForNode(node.name)
      .filter((p) => p.priority >= pod.priority && p.key !== pod.key);
    if (nominated.length > 0) {
      const nodeWith = node.clone();
      const stateWith = ctx.state.clone();
      const ctxWith: CycleContext = { ...ctx, state: stateWith };
      for (const p of nominated) {
        nodeWith.addPod(p);
        this.runPreFilterExtensionAddPod(ctxWith, pod, p, nodeWith);
      }
      const first = this.runFilterPlugins(ctxWith, pod, nodeWith);
      if (first !== null) return first;
    }
    return this.runFilterPlugins(ctx, pod, node);
  }

  /** Calls the PreFilter extensions after a pod was added to/removed from a (cloned) node. */
  runPreFilterExtensionAddPod(
    ctx: CycleContext,
    pod: PodInfo,
    added: PodInfo,
    node: NodeInfo,
  ): void {
    for (const plugin of this.preFilterPlugins) {
      if (ctx.state.skipFilterPlugins.has(plugin.name)) continue;
      plugin.addPod?.(ctx, pod, added, node);
    }
  }

  runPreFilterExtensionRemovePod(
    ctx: CycleContext,
    pod: PodInfo,
    removed: PodInfo,
    node: NodeInfo,
  ): void {
    for (const plugin of this.preFilterPlugins) {
      if (ctx.state.skipFilterPlugins.has(plugin.name)) continue;
      plugin.removePod?.(ctx, pod, removed, node);
    }
  }

  /** RunPostFilterPlugins: the first success wins; otherwise the reasons of all are joined. */
  runPostFilterPlugins(
    ctx: CycleContext,
    pod: PodInfo,
    statuses: ReadonlyMap<string, Status>,
  ): { result: PostFilterResult | null; status: Status; verdicts: ExtensionVerdict[] } {
    const verdicts: ExtensionVerdict[] = [];
    const reasons: string[] = [];
    let result: PostFilterResult | null = null;
    for (const plugin of this.postFilterPlugins) {
      const out = plugin.postFilter(ctx, pod, statuses);
      const status = out.status;
      verdicts.push({
        plugin: plugin.name,
        code: status?.code ?? Code.Success,
        reasons: status?.reasons ?? [],
      });
      if (status === null || status.code === Code.Success) {
        return { result: out.result, status: new Status(Code.Success, [], plugin.name), verdicts };
      }
      if (status.code !== Code.Unschedulable) {
        return { result: out.result, status: status.withPlugin(plugin.name), verdicts };
      }
      if (out.result) result = out.result;
      reasons.push(...status.reasons);
    }
    return { result, status: new Status(Code.Unschedulable, reasons), verdicts };
  }

  runPreScorePlugins(
    ctx: CycleContext,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
  ): ExtensionVerdict[] {
    const verdicts: ExtensionVerdict[] = [];
    for (const plugin of this.preScorePlugins) {
      const status = plugin.preScore(ctx, pod, nodes);
      verdicts.push({
        plugin: plugin.name,
        code: status?.code ?? Code.Success,
        reasons: status?.reasons ?? [],
      });
      if (status?.code === Code.Skip) ctx.state.skipScorePlugins.add(plugin.name);
    }
    return verdicts;
  }

  /** RunScorePlugins: raw scores, NormalizeScore, range check, then weighting and totals. */
  runScorePlugins(ctx: CycleContext, pod: PodInfo, nodes: readonly NodeInfo[]): ScoreResult {
    const totals = new Array<number>(nodes.length).fill(0);
    const plugins: PluginScores[] = [];
    for (const { plugin, weight } of this.scorePlugins) {
      if (ctx.state.skipScorePlugins.has(plugin.name)) {
        plugins.push({ plugin: plugin.name, weight, ran: false, raw: [], normalized: [] });
        continue;
      }
      const raw = new Array<number>(nodes.length);
      if (plugin.scoreNodes) plugin.scoreNodes(ctx, pod, nodes, raw);
      else for (let i = 0; i < nodes.length; i++) raw[i] = plugin.score(ctx, pod, nodes[i]!);
      // Without NormalizeScore the raw scores are final: share the array instead of copying.
      const normalized = plugin.normalizeScore ? raw.slice() : raw;
      plugin.normalizeScore?.(ctx, pod, normalized, nodes);
      for (let i = 0; i < nodes.length; i++) {
        const s = normalized[i]!;
        if (s > MAX_NODE_SCORE || s < MIN_NODE_SCORE) {
          throw new SchedulerError(
            "UnknownPlugin",
            `plugin "${plugin.name}" returns an invalid score ${s}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`,
          );
        }
        totals[i]! += s * weight;
      }
      plugins.push({ plugin: plugin.name, weight, ran: true, raw, normalized });
    }
    return { plugins, totals };
  }
}
