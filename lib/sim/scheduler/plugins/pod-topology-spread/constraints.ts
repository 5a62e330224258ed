// Compiled topologySpreadConstraints and the helpers both Filter and Score use.
import type { Pod, TopologySpreadConstraint } from "../../api-types";
import { compileLabelSelector, type LabelMatcher } from "../../framework/label-matcher";
import type { NodeInfo } from "../../framework/node-info";
import type { PodInfo } from "../../framework/pod-info";
import {
  requiredNodeAffinityMatches,
  type RequiredNodeAffinity,
} from "../node-affinity/required-node-affinity";
import { findUntoleratedTaint, isDoNotScheduleTaint } from "../taint-toleration/tolerations";

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelMatcher;
  minDomains: number;
  honorNodeAffinity: boolean;
  honorNodeTaints: boolean;
}

/**
 * filterTopologySpreadConstraints: the constraints with the given whenUnsatisfiable, with
 * matchLabelKeys folded into the selector (beta and on by default in 1.28).
 */
export function compileConstraints(
  pod: Pod,
  action: TopologySpreadConstraint["whenUnsatisfiable"],
): Constraint[] {
  const labels = pod.metadata.labels ?? {};
  const out: Constraint[] = [];
  for (const c of pod.spec?.topologySpreadConstraints ?? []) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = c.labelSelector ?? null;
    const extra = (c.matchLabelKeys ?? []).filter((k) =>
      Object.prototype.hasOwnProperty.call(labels, k),
    );
    if (extra.length > 0) {
      selector = {
        matchLabels: { ...(selector?.matchLabels ?? {}) },
        matchExpressions: [
          ...(selector?.matchExpressions ?? []),
          ...extra.map((key) => ({ key, operator: "In" as const, values: [labels[key]!] })),
        ],
      };
    }
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector: compileLabelSelector(selector),
      minDomains: c.minDomains ?? 1,
      honorNodeAffinity: (c.nodeAffinityPolicy ?? "Honor") === "Honor",
      honorNodeTaints: (c.nodeTaintsPolicy ?? "Ignore") === "Honor",
    });
  }
  return out;
}

export function nodeHasAllTopologyKeys(
  node: NodeInfo,
  constraints: readonly Constraint[],
): boolean {
  const labels = node.labels;
  if (!labels) return constraints.length === 0;
  return constraints.every((c) => Object.prototype.hasOwnProperty.call(labels, c.topologyKey));
}

/** matchNodeInclusionPolicies: nodeAffinityPolicy (default Honor), nodeTaintsPolicy (default Ignore). */
export function nodeIncluded(
  c: Constraint,
  pod: PodInfo,
  node: NodeInfo,
  required: RequiredNodeAffinity,
): boolean {
  if (c.honorNodeAffinity && !requiredNodeAffinityMatches(required, node)) return false;
  if (
    c.honorNodeTaints &&
    findUntoleratedTaint(node.taints, pod.tolerations, isDoNotScheduleTaint)
  ) {
    return false;
  }
  return true;
}

/** countPodsMatchSelector: same-namespace, not terminating, labels match. */
export function countMatchingPods(
  pods: readonly PodInfo[],
  selector: LabelMatcher,
  namespace: string,
): number {
  if (selector.matchesNothing) return 0;
  let count = 0;
  for (const p of pods) {
    if (p.terminating || p.namespace !== namespace) continue;
    if (selector.matches(p.labels)) count++;
  }
  return count;
}
