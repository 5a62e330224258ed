// Matching a list of fields against one object: the shared core of object,
// count and kubeadm checks.
import type { SandboxState } from "@/lib/sim";
import type { FieldMatch } from "../schema/matcher-schema";
import { resolveRef } from "./context";
import { fieldLine, matchValue, type ResolvedMatcher } from "./match";
import { readPath } from "./read-path";

export interface FieldResult {
  path: string;
  ok: boolean;
  line: string;
  expected: unknown;
  actual: unknown;
}

export function resolveMatcher<M extends ResolvedMatcher>(state: SandboxState, m: M): M {
  return m.equalsRef ? { ...m, refValue: resolveRef(state, m.equalsRef) } : m;
}

export function matchFields(
  state: SandboxState,
  data: unknown,
  fields: readonly FieldMatch[],
): FieldResult[] {
  return fields.map((f) => {
    const actual = readPath(data, f.path);
    const outcome = matchValue(resolveMatcher(state, f), actual);
    return {
      path: f.path,
      ok: outcome.ok,
      line: fieldLine(f.path, outcome, actual),
      expected: outcome.expectedValue,
      actual: actual ?? null,
    };
  });
}
