// Compares one value read from the cluster with a matcher and words both sides in
// Korean for feedback ("기대값 5 이상, 현재 3"). Pure; no cluster access.
import type { Matcher } from "../schema/matcher-schema";

export type Scalar = string | number | boolean;

/** A matcher whose `equalsRef` has been resolved to the value it points at. */
export type ResolvedMatcher = Matcher & { refValue?: Scalar | null };

export interface MatchOutcome {
  ok: boolean;
  /** The expectation in Korean, e.g. `5 이상`, `/^nginx/ 와 일치`. */
  expected: string;
  /** The raw expectation, for stored results. */
  expectedValue: unknown;
}

/** How a value reads in feedback: strings quoted, absent as (없음). */
export function showValue(value: unknown): string {
  if (value === undefined || value === null) return "(없음)";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(showValue).join(", ")}]`;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

const same = (a: unknown, b: Scalar) =>
  a === b || (a !== undefined && a !== null && typeof a !== "object" && String(a) === String(b));

export function matchValue(m: ResolvedMatcher, actual: unknown): MatchOutcome {
  if (m.equals !== undefined)
    return { ok: same(actual, m.equals), expected: showValue(m.equals), expectedValue: m.equals };
  if (m.equalsRef !== undefined) {
    const want = m.refValue;
    if (want === undefined || want === null)
      return { ok: false, expected: "(클러스터에서 기준값을 읽지 못함)", expectedValue: null };
    return { ok: same(actual, want), expected: showValue(want), expectedValue: want };
  }
  if (m.notEquals !== undefined)
    return {
      ok: actual !== undefined && !same(actual, m.notEquals),
      expected: `${showValue(m.notEquals)} 이(가) 아닌 값`,
      expectedValue: { notEquals: m.notEquals },
    };
  if (m.oneOf !== undefined)
    return {
      ok: m.oneOf.some((v) => same(actual, v)),
      expected: `${m.oneOf.map(showValue).join(", ")} 중 하나`,
      expectedValue: { oneOf: m.oneOf },
    };
  if (m.contains !== undefined) {
    const ok = Array.isArray(actual)
      ? actual.some((v) => same(v, m.contains!))
      : typeof actual === "string" && actual.includes(String(m.contains));
    return {
      ok,
      expected: `${showValue(m.contains)} 포함`,
      expectedValue: { contains: m.contains },
    };
  }
  if (m.regex !== undefined) {
    const ok =
      actual !== undefined &&
      actual !== null &&
      typeof actual !== "object" &&
      new RegExp(m.regex).test(String(actual));
    return { ok, expected: `/${m.regex}/ 와 일치`, expectedValue: { regex: m.regex } };
  }
  if (m.exists !== undefined) {
    const has = actual !== undefined && actual !== null;
    return {
      ok: has === m.exists,
      expected: m.exists ? "(값 있음)" : "(없음)",
      expectedValue: { exists: m.exists },
    };
  }
  const n = asNumber(actual);
  const cmp = (
    [
      ["gt", "초과", (a: number, b: number) => a > b],
      ["gte", "이상", (a: number, b: number) => a >= b],
      ["lt", "미만", (a: number, b: number) => a < b],
      ["lte", "이하", (a: number, b: number) => a <= b],
    ] as const
  ).find(([k]) => m[k] !== undefined);
  if (!cmp) throw new Error("matcher without operator (schema should have refused it)");
  const [key, word, fn] = cmp;
  const bound = m[key]!;
  return {
    ok: n !== undefined && fn(n, bound),
    expected: `${bound} ${word}`,
    expectedValue: { [key]: bound },
  };
}

/** The feedback line of one field: `spec.replicas: 기대값 5, 현재 3`. */
export function fieldLine(label: string, outcome: MatchOutcome, actual: unknown): string {
  return outcome.ok
    ? `${label}: ${showValue(actual)} (통과)`
    : `${label}: 기대값 ${outcome.expected}, 현재 ${showValue(actual)}`;
}
