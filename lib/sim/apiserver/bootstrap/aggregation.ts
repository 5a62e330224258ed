// What the clusterrole-aggregation controller does: a ClusterRole with an aggregationRule gets
// the union of the rules of every ClusterRole its selectors match (sorted by name, duplicates
// dropped). Applied to a fixed point so admin ⊇ edit ⊇ view as in a running cluster.
import type { PolicyRule } from "../authz/types";
import type { KubeObject } from "../object";
import { labelSelectorMatches, type LabelSelector } from "../selectors/label-selector-object";

const canonical = (r: PolicyRule) =>
  JSON.stringify([r.verbs, r.apiGroups, r.resources, r.resourceNames, r.nonResourceURLs]);

export function aggregateClusterRoles(roles: readonly KubeObject[]): KubeObject[] {
  let current = roles.map((r) => structuredClone(r));
  for (let round = 0; round < 10; round++) {
    let changed = false;
    const byName = [...current].sort((a, b) =>
      (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1,
    );
    current = current.map((role) => {
      const selectors =
        (role.aggregationRule as { clusterRoleSelectors?: LabelSelector[] } | undefined)
          ?.clusterRoleSelectors ?? [];
      if (selectors.length === 0) return role;
      const rules: PolicyRule[] = [];
      const seen = new Set<string>();
      for (const other of byName) {
        if (other.metadata.name === role.metadata.name) continue;
        if (!selectors.some((s) => labelSelectorMatches(s, other.metadata.labels))) continue;
        for (const r of (other.rules as PolicyRule[] | undefined) ?? []) {
          const key = canonical(r);
          if (seen.has(key)) continue;
          seen.add(key);
          rules.push(r);
        }
      }
      if (JSON.stringify(rules) === JSON.stringify(role.rules ?? [])) return role;
      changed = true;
      return { ...role, rules };
    });
    if (!changed) break;
  }
  return current;
}
