// object: one object exists (or must be gone) and its fields match.
import type { ObjectCheck } from "../../schema/check-schema";
import { objectLabel, selectObjects, type CheckVerdict, type GradeInput } from "../context";
import { matchFields } from "../fields";

export function gradeObject(c: ObjectCheck, input: GradeInput): CheckVerdict {
  const label = objectLabel(c.resource, c.group, c.name, c.namespace);
  const [obj] = selectObjects(input.state, c);
  if (c.absent)
    return obj
      ? {
          score: 0,
          feedback: [`${label}: 아직 있습니다 (없어야 합니다)`],
          expected: { absent: true },
          actual: { exists: true },
        }
      : {
          score: 1,
          feedback: [`${label}: 없음 (통과)`],
          expected: { absent: true },
          actual: { exists: false },
        };
  if (!obj)
    return {
      score: 0,
      feedback: [`${label}: 찾을 수 없습니다`],
      expected: { exists: true },
      actual: { exists: false },
    };
  const fields = matchFields(input.state, obj, c.fields);
  if (fields.length === 0)
    return {
      score: 1,
      feedback: [`${label}: 있음 (통과)`],
      expected: { exists: true },
      actual: { exists: true },
    };
  const passed = fields.filter((f) => f.ok).length;
  return {
    score: passed / fields.length,
    feedback: fields.map((f) => f.line),
    expected: Object.fromEntries(fields.map((f) => [f.path, f.expected])),
    actual: Object.fromEntries(fields.map((f) => [f.path, f.actual])),
  };
}
