// What the grader reads: the sandbox state (a value) and the request traces the
// sandbox recorded (persisted in SandboxLog, so older than the state's journal).
import type { RequestTrace, SandboxState } from "@/lib/sim";
import type { KubeObject } from "@/lib/sim/apiserver/object";
import {
  parseFieldSelector,
  fieldSelectorMatches,
} from "@/lib/sim/apiserver/selectors/field-selector";
import { parseLabelSelector, selectorMatches } from "@/lib/sim/apiserver/selectors/label-selector";
import { getObject, listObjects } from "@/lib/sim/controllers/shared/cache";
import type { ValueRef } from "../schema/matcher-schema";
import { readPath } from "./read-path";
import type { Scalar } from "./match";

export interface GradeInput {
  state: SandboxState;
  /** Request traces, oldest first (the state's journal holds only the newest 50). */
  traces: readonly RequestTrace[];
}

/** A check's verdict before points are assigned. */
export interface CheckVerdict {
  /** Share of the check met, 0..1 (partial credit). */
  score: number;
  /** Korean feedback, one line per field/row/aspect. */
  feedback: string[];
  expected: unknown;
  actual: unknown;
}

export class GradingProblem extends Error {
  override readonly name = "GradingProblem";
}

/** `deployments.apps "web" (네임스페이스 team-a)` as feedback names an object. */
export function objectLabel(
  resource: string,
  group: string,
  name: string | undefined,
  namespace: string | undefined,
): string {
  const kind = group ? `${resource}.${group}` : resource;
  const who = name ? `${kind} "${name}"` : kind;
  return namespace ? `${who} (네임스페이스 ${namespace})` : who;
}

export interface Target {
  resource: string;
  group: string;
  namespace?: string | undefined;
  name?: string | undefined;
  selector?: string | undefined;
  fieldSelector?: string | undefined;
}

function safeList(state: SandboxState, t: Target): readonly KubeObject[] {
  try {
    return listObjects(state, t.group, t.resource, t.namespace);
  } catch {
    throw new GradingProblem(
      `알 수 없는 리소스: ${objectLabel(t.resource, t.group, undefined, undefined)}`,
    );
  }
}

/** The objects a check looks at. */
export function selectObjects(state: SandboxState, t: Target): KubeObject[] {
  if (t.name) {
    let obj: KubeObject | undefined;
    try {
      obj = getObject(state, t.group, t.resource, t.namespace, t.name);
    } catch {
      throw new GradingProblem(
        `알 수 없는 리소스: ${objectLabel(t.resource, t.group, undefined, undefined)}`,
      );
    }
    return obj ? [obj] : [];
  }
  let items = [...safeList(state, t)];
  try {
    if (t.selector) {
      const sel = parseLabelSelector(t.selector);
      items = items.filter((o) => selectorMatches(sel, o.metadata.labels));
    }
    if (t.fieldSelector) {
      const reqs = parseFieldSelector(t.fieldSelector);
      items = items.filter((o) => fieldSelectorMatches(reqs, o, t.group, t.resource));
    }
  } catch (e) {
    throw new GradingProblem(`셀렉터 오류: ${e instanceof Error ? e.message : String(e)}`);
  }
  return items;
}

/** The value an `equalsRef` points at, or null when the object or field is missing. */
export function resolveRef(state: SandboxState, ref: ValueRef): Scalar | null {
  const [obj] = selectObjects(state, { ...ref });
  if (!obj) return null;
  const v = readPath(obj, ref.path);
  if (v === undefined || v === null || typeof v === "object") return null;
  if (!ref.capture) return v as Scalar;
  const m = new RegExp(ref.capture).exec(String(v));
  return m?.[1] ?? null;
}
