// component-helpers nodeaffinity: matching a node against a pod's nodeSelector and its
// required/preferred node affinity terms. Terms are ORed, requirements within a term ANDed; an
// empty term selects nothing; an unparsable requirement makes its term not match.
import type { NodeSelectorRequirement, NodeSelectorTerm, Pod } from "../../api-types";
import type { NodeInfo } from "../../framework/node-info";

const INTEGER = /^[+-]?\d+$/;

function labelRequirementMatches(
  r: NodeSelectorRequirement,
  labels: Record<string, string>,
): boolean {
  const present = Object.prototype.hasOwnProperty.call(labels, r.key);
  const values = r.values ?? [];
  switch (r.operator) {
    case "In":
      return present && values.includes(labels[r.key]!);
    case "NotIn":
      return !present || !values.includes(labels[r.key]!);
    case "Exists":
      return present;
    case "DoesNotExist":
      return !present;
    case "Gt":
    case "Lt": {
      if (!present || values.length !== 1 || !INTEGER.test(values[0]!)) return false;
      const label = labels[r.key]!;
      if (!INTEGER.test(label)) return false;
      const [a, b] = [BigInt(label), BigInt(values[0]!)];
      return r.operator === "Gt" ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** matchFields supports only metadata.name with In/NotIn (a validation rule of the API). */
function fieldRequirementMatches(r: NodeSelectorRequirement, nodeName: string): boolean {
  if (r.key !== "metadata.name") return false;
  const values = r.values ?? [];
  if (r.operator === "In") return values.length === 1 && values[0] === nodeName;
  if (r.operator === "NotIn") return values.length === 1 && values[0] !== nodeName;
  return false;
}

export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: NodeInfo): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = (node.labels ?? {}) as Record<string, string>;
  return (
    expressions.every((r) => labelRequirementMatches(r, labels)) &&
    fields.every((r) => fieldRequirementMatches(r, node.name))
  );
}

export function nodeSelectorTermsMatch(
  terms: readonly NodeSelectorTerm[],
  node: NodeInfo,
): boolean {
  return terms.some((term) => nodeSelectorTermMatches(term, node));
}

/** nodeaffinity.RequiredNodeAffinity: nodeSelector AND required node affinity. */
export interface RequiredNodeAffinity {
  readonly nodeSelector: ReadonlyArray<readonly [string, string]>;
  readonly terms: readonly NodeSelectorTerm[] | null;
  /** True when the pod constrains nodes at all. */
  readonly constrains: boolean;
}

export function requiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  const nodeSelector = Object.entries(pod.spec?.nodeSelector ?? {});
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required ? (required.nodeSelectorTerms ?? []) : null;
  return {
    nodeSelector,
    terms,
    constrains: pod.spec?.nodeSelector !== undefined || terms !== null,
  };
}

export function requiredNodeAffinityMatches(req: RequiredNodeAffinity, node: NodeInfo): boolean {
  const labels = (node.labels ?? {}) as Record<string, string>;
  for (const [key, value] of req.nodeSelector) {
    if (labels[key] !== value || !Object.prototype.hasOwnProperty.call(labels, key)) return false;
  }
  return req.terms === null || nodeSelectorTermsMatch(req.terms, node);
}
