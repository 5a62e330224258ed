// NodeAffinity (weight 2): Filter applies nodeSelector and required node affinity; Score sums
// the weights of the preferred terms a node matches, scaled to 0..100.
import type { PreferredSchedulingTerm } from "../../api-types";
import type { StateData } from "../../framework/cycle-state";
import { defaultNormalizeScore } from "../../framework/default-normalize";
import type { NodeInfo } from "../../framework/node-info";
import {
  MAX_NODE_SCORE,
  type CycleContext,
  type FilterPlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from "../../framework/plugin";
import type { PodInfo } from "../../framework/pod-info";
import { Code, constantStatus, SKIP, unresolvable, type MaybeStatus } from "../../framework/status";
import {
  nodeSelectorTermMatches,
  requiredNodeAffinity,
  requiredNodeAffinityMatches,
  type RequiredNodeAffinity,
} from "./required-node-affinity";

export const NODE_AFFINITY = "NodeAffinity";
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = "pod affinity terms conflict";
const REJECTED = constantStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_POD);

class PreFilterState implements StateData {
  constructor(readonly required: RequiredNodeAffinity) {}
  clone(): StateData {
    return this;
  }
}

class PreScoreState implements StateData {
  constructor(readonly preferred: readonly PreferredSchedulingTerm[]) {}
  clone(): StateData {
    return this;
  }
}

const PRE_FILTER_KEY = "PreFilterNodeAffinity";

function intersect(a: ReadonlySet<string> | null, b: Set<string>): Set<string> {
  if (a === null) return b;
  return new Set([...b].filter((n) => a.has(n)));
}
const PRE_SCORE_KEY = "PreScoreNodeAffinity";

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NODE_AFFINITY;

  /**
   * Skips pods without nodeSelector/required affinity. Required terms that all pin
   * metadata.name to disjoint node sets can never match ("pod affinity terms conflict").
   */
  preFilter(ctx: CycleContext, pod: PodInfo): MaybeStatus {
    const required = requiredNodeAffinity(pod.pod);
    if (!required.constrains) return SKIP;
    ctx.state.write(PRE_FILTER_KEY, new PreFilterState(required));
    if (required.terms === null) return null;
    let names: Set<string> | null = null;
    for (const term of required.terms) {
      let termNames: Set<string> | null = null;
      for (const r of term.matchFields ?? []) {
        if (r.key !== "metadata.name" || r.operator !== "In") continue;
        termNames = intersect(termNames, new Set(r.values ?? []));
      }
      if (termNames === null) return null;
      names = new Set([...(names ?? []), ...termNames]);
    }
    if (names !== null && names.size === 0) return unresolvable(ERR_REASON_CONFLICT);
    if (names !== null) ctx.state.restrictNodes(names);
    return null;
  }

  filterNodes(
    ctx: CycleContext,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    out: MaybeStatus[],
  ): void {
    const required = this.required(ctx, pod);
    for (let i = 0; i < nodes.length; i++) {
      if (out[i] === null && !requiredNodeAffinityMatches(required, nodes[i]!)) out[i] = REJECTED;
    }
  }

  private required(ctx: CycleContext, pod: PodInfo): RequiredNodeAffinity {
    return (
      ctx.state.read<PreFilterState>(PRE_FILTER_KEY)?.required ?? requiredNodeAffinity(pod.pod)
    );
  }

  filter(ctx: CycleContext, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const state =
      ctx.state.read<PreFilterState>(PRE_FILTER_KEY) ??
      new PreFilterState(requiredNodeAffinity(pod.pod));
    return requiredNodeAffinityMatches(state.required, nodeInfo) ? null : REJECTED;
  }

  preScore(ctx: CycleContext, pod: PodInfo): MaybeStatus {
    const preferred =
      pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (preferred.length === 0) return SKIP;
    ctx.state.write(PRE_SCORE_KEY, new PreScoreState(preferred));
    return null;
  }

  score(ctx: CycleContext, pod: PodInfo, nodeInfo: NodeInfo): number {
    const preferred =
      ctx.state.read<PreScoreState>(PRE_SCORE_KEY)?.preferred ??
      pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ??
      [];
    let count = 0;
    for (const term of preferred) {
      // A zero weight term has no effect (as in the real plugin).
      if (term.weight !== 0 && nodeSelectorTermMatches(term.preference, nodeInfo))
        count += term.weight;
    }
    return count;
  }

  normalizeScore(_ctx: CycleContext, _pod: PodInfo, scores: number[]): void {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  }
}
