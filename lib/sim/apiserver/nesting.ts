// Request bodies nested deeper than any Kubernetes object are refused before the
// API server's recursive steps (patching, validation, managed fields) see them:
// a 10,000-deep document would otherwise exhaust the stack. kube-apiserver's own
// JSON decoder stops at 10,000 levels; this simulator stops earlier and says so.
import { newBadRequest } from "./errors";

export const MAX_NESTING = 200;

/** Depth of the deepest value, counted iteratively (never recursion), stopping past `limit`. */
export function nestingDepth(value: unknown, limit = MAX_NESTING): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

export function assertNesting(value: unknown): void {
  if (nestingDepth(value) > MAX_NESTING) {
    throw newBadRequest(
      `the request body is nested more than ${MAX_NESTING} levels deep; the simulated API server refuses such documents`,
    );
  }
}
