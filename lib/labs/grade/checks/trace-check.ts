// trace: requests the sandbox recorded, in order, each with the component steps its
// trace must show (e.g. a Pod created through the API, then bound by the scheduler).
import type { RequestTrace } from "@/lib/sim";
import type { TraceCheck } from "../../schema/check-schema";
import type { CheckVerdict, GradeInput } from "../context";

type Want = TraceCheck["requests"][number];

function stepsMatch(t: RequestTrace, steps: Want["steps"]): boolean {
  let i = 0;
  for (const e of t.entries) {
    const s = steps[i];
    if (!s) break;
    if (
      (!s.from || e.from === s.from) &&
      (!s.to || e.to === s.to) &&
      (!s.action || e.action.includes(s.action))
    )
      i++;
  }
  return i === steps.length;
}

function matches(t: RequestTrace, w: Want): boolean {
  return (
    (!w.verb || t.verb === w.verb) &&
    // The path only: query parameters (fieldManager, fieldValidation…) vary by client.
    new RegExp(w.uri).test(t.requestURI.split("?")[0]!) &&
    (w.code === undefined || t.code === w.code) &&
    stepsMatch(t, w.steps)
  );
}

function describe(w: Want): string {
  const steps = w.steps.map(
    (s) => `${s.from ?? "*"}→${s.to ?? "*"}${s.action ? `:${s.action}` : ""}`,
  );
  return `${w.verb ?? "*"} ${w.uri}${w.code ? ` (${w.code})` : ""}${steps.length ? ` [${steps.join(", ")}]` : ""}`;
}

export function gradeTrace(c: TraceCheck, input: GradeInput): CheckVerdict {
  const lines: string[] = [];
  const found: (string | null)[] = [];
  let from = 0;
  let good = 0;
  for (const w of c.requests) {
    let hit = -1;
    for (let i = from; i < input.traces.length; i++)
      if (matches(input.traces[i]!, w)) {
        hit = i;
        break;
      }
    if (hit >= 0) {
      good++;
      const t = input.traces[hit]!;
      found.push(`${t.verb} ${t.requestURI} ${t.code}`);
      lines.push(`요청 기록 ${describe(w)}: ${t.verb} ${t.requestURI} (통과)`);
      from = hit + 1;
    } else {
      found.push(null);
      lines.push(`요청 기록 ${describe(w)}: 기대값 (기록 있음), 현재 (없음)`);
    }
  }
  return {
    score: good / c.requests.length,
    feedback: lines,
    expected: c.requests.map(describe),
    actual: found,
  };
}
