// condition: objects report a status condition (Ready, Available, PodScheduled…).
import type { KubeObject } from "@/lib/sim/apiserver/object";
import type { ConditionCheck } from "../../schema/check-schema";
import { objectLabel, selectObjects, type CheckVerdict, type GradeInput } from "../context";

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
}

function conditionOf(o: KubeObject, type: string): Condition | undefined {
  const conds = (o.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
  return conds.find((x) => x.type === type);
}

export function gradeCondition(c: ConditionCheck, input: GradeInput): CheckVerdict {
  const objects = selectObjects(input.state, c);
  const label = objectLabel(c.resource, c.group, c.name, c.namespace);
  const want = `${c.condition}=${c.status}${c.reason ? ` (${c.reason})` : ""}`;
  if (objects.length < Math.max(c.minObjects, c.name ? 1 : 0))
    return {
      score: 0,
      feedback: [
        c.name
          ? `${label}: 찾을 수 없습니다`
          : `${label}: 기대값 ${c.minObjects}개 이상, 현재 ${objects.length}개`,
      ],
      expected: want,
      actual: null,
    };
  const lines: string[] = [];
  const actual: Record<string, string | null> = {};
  let good = 0;
  for (const o of objects) {
    const cond = conditionOf(o, c.condition);
    const now = cond
      ? `${c.condition}=${cond.status}${cond.reason ? ` (${cond.reason})` : ""}`
      : null;
    actual[o.metadata.name ?? ""] = now;
    const ok = !!cond && cond.status === c.status && (!c.reason || cond.reason === c.reason);
    if (ok) good++;
    const name = objects.length > 1 || !c.name ? `${label} ${o.metadata.name}` : label;
    lines.push(
      ok
        ? `${name}: ${now} (통과)`
        : `${name}: 기대값 ${want}, 현재 ${now ?? `(${c.condition} 조건 없음)`}`,
    );
  }
  return { score: good / objects.length, feedback: lines, expected: want, actual };
}
