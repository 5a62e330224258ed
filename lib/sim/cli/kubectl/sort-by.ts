// kubectl get --sort-by: the order the real kubectl gives rows (its TableSorter):
// Go's sort.Sort (not stable), objects without the field first, numbers as
// numbers, strings that both parse as quantities ("100m", "1Gi") as quantities,
// other strings in natural order; an error when no object has the field.

import type { KubeObject } from "../../apiserver/object";
import { compareQuantities, tryParseQuantity } from "../../quantity/quantity";
import { CliError } from "../errors";
import { goSort } from "./go-sort";
import { JsonpathRunError, pathValues } from "./jsonpath";
import { naturalLess } from "./natural-less";

/** The field spec as kubectl relaxes it: "metadata.name", ".metadata.name", "{…}" → "{.metadata.name}". */
export function relaxedJsonPath(spec: string): string {
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(spec);
  if (!m) {
    throw new CliError(
      "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] ?? m[2]}}`;
}

function valueLess(x: unknown, y: unknown): boolean {
  if (typeof x === "number" && typeof y === "number") return x < y;
  if (typeof x === "string" && typeof y === "string") {
    const qx = tryParseQuantity(x);
    const qy = qx && tryParseQuantity(y);
    if (qx && qy) return compareQuantities(qx, qy) < 0;
    return naturalLess(x, y);
  }
  return naturalLess(String(x ?? ""), String(y ?? ""));
}

/** Sorts objects by the field as kubectl get --sort-by does. */
export function sortObjectsBy(items: readonly KubeObject[], spec: string): KubeObject[] {
  const field = relaxedJsonPath(spec);
  // An index outside an object's list counts as the field missing there. (Real kubectl's
  // table sorter does something else again - one object printed unsorted, several dropped
  // as "No resources found" - which is not simulated.)
  const values = (o: KubeObject) => {
    try {
      return pathValues(field, o);
    } catch (e) {
      if (e instanceof JsonpathRunError) return [];
      throw e;
    }
  };
  const keyed = items.map((o) => ({ o, v: values(o) }));
  if (keyed.length > 0 && !keyed.some((k) => k.v.length > 0)) {
    throw new CliError(
      `error: couldn't find any field with path "${field}" in the list of objects`,
    );
  }
  return goSort(keyed, (a, b) => {
    if (a.v.length === 0) return true;
    if (b.v.length === 0) return false;
    return valueLess(a.v[0], b.v[0]);
  }).map((k) => k.o);
}
