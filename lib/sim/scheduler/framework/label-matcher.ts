// A compiled metav1.LabelSelector for the scheduler's hot loops (PodTopologySpread and
// InterPodAffinity match every pod on every node). Semantics follow LabelSelectorAsSelector:
// a nil selector matches nothing, `{}` matches everything.
import type { LabelSelector } from "../api-types";
import { SchedulerError } from "./scheduler-error";

export type Labels = Readonly<Record<string, string>> | undefined;

export interface LabelMatcher {
  matches(labels: Labels): boolean;
  readonly matchesNothing: boolean;
}

const NOTHING: LabelMatcher = { matches: () => false, matchesNothing: true };
const EVERYTHING: LabelMatcher = { matches: () => true, matchesNothing: false };

type Check = (labels: Labels) => boolean;

function has(labels: Labels, key: string): boolean {
  return labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key);
}

export function compileLabelSelector(selector: LabelSelector | null | undefined): LabelMatcher {
  if (selector === null || selector === undefined) return NOTHING;
  const checks: Check[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    checks.push((labels) => has(labels, key) && labels![key] === value);
  }
  for (const expr of selector.matchExpressions ?? []) {
    const values = expr.values ?? [];
    const key = expr.key;
    switch (expr.operator) {
      case "In":
        checks.push((labels) => has(labels, key) && values.includes(labels![key]!));
        break;
      case "NotIn":
        checks.push((labels) => !has(labels, key) || !values.includes(labels![key]!));
        break;
      case "Exists":
        checks.push((labels) => has(labels, key));
        break;
      case "DoesNotExist":
        checks.push((labels) => !has(labels, key));
        break;
      default:
        throw new SchedulerError(
          "InvalidSelector",
          `"${String(expr.operator)}" is not a valid label selector operator`,
        );
    }
  }
  if (checks.length === 0) return EVERYTHING;
  if (checks.length === 1) return { matches: checks[0]!, matchesNothing: false };
  return { matches: (labels) => checks.every((check) => check(labels)), matchesNothing: false };
}

/** labels.SelectorFromSet: every key=value must be present. */
export function compileLabelSet(set: Readonly<Record<string, string>>): LabelMatcher {
  return compileLabelSelector({ matchLabels: { ...set } });
}
