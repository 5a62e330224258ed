// count: how many objects match selectors (and field conditions).
import type { CountCheck } from "../../schema/check-schema";
import { objectLabel, selectObjects, type CheckVerdict, type GradeInput } from "../context";
import { matchFields, resolveMatcher } from "../fields";
import { matchValue, showValue } from "../match";

export function gradeCount(c: CountCheck, input: GradeInput): CheckVerdict {
  const objects = selectObjects(input.state, c).filter((o) =>
    matchFields(input.state, o, c.where).every((f) => f.ok),
  );
  const n = objects.length;
  const outcome = matchValue(resolveMatcher(input.state, c.count), n);
  const what = objectLabel(c.resource, c.group, undefined, c.namespace);
  const filter = [
    c.selector && `-l ${c.selector}`,
    c.fieldSelector && `--field-selector ${c.fieldSelector}`,
  ]
    .filter(Boolean)
    .join(" ");
  const label = `${what}${filter ? ` ${filter}` : ""} 개수`;
  return {
    score: outcome.ok ? 1 : 0,
    feedback: [
      outcome.ok
        ? `${label}: ${n} (통과)`
        : `${label}: 기대값 ${outcome.expected}, 현재 ${showValue(n)}`,
    ],
    expected: outcome.expectedValue,
    actual: n,
  };
}
