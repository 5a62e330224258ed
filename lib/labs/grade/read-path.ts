// Reads a field of an object with kubectl's JSONPath (the syntax learners already
// use with `-o jsonpath`), so `status.conditions[?(@.type=="Ready")].status` works.
import { pathValues } from "@/lib/sim/cli/kubectl/jsonpath";

/** One value, an array when the path fans out ([*], filters), undefined when absent. */
export function readPath(data: unknown, path: string): unknown {
  let values: unknown[];
  try {
    values = pathValues(path, data);
  } catch {
    return undefined; // index out of range and the like: the field is simply not there
  }
  const fansOut = /\[\*\]|\[\?|\.\./.test(path) || /\[\d*:\d*\]/.test(path);
  if (fansOut) return values;
  return values[0];
}

/** Throws when the path cannot be parsed (lab validation). */
export function assertPath(path: string): void {
  pathValues(path, {});
}
