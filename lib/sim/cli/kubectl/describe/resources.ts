// Pod resource totals as kubectl computes them for describe node and top
// (resourcehelper.PodRequestsAndLimits: containers summed, then each init
// container's value if larger, plus the pod overhead).

/* eslint-disable @typescript-eslint/no-explicit-any -- pod specs are read as loose JSON */
import {
  addQuantities,
  compareQuantities,
  formatQuantity,
  parseQuantity,
  quantityFromValue,
  type Quantity,
} from "../../../quantity/quantity";

export type ResourceTotals = Record<string, Quantity>;

function add(into: ResourceTotals, list: Record<string, string> | undefined) {
  for (const [k, v] of Object.entries(list ?? {})) {
    try {
      const q = parseQuantity(String(v));
      into[k] = into[k] ? addQuantities(into[k]!, q) : q;
    } catch {
      /* an unparsable quantity was refused by the API server; ignore */
    }
  }
}

function maxInto(into: ResourceTotals, list: Record<string, string> | undefined) {
  for (const [k, v] of Object.entries(list ?? {})) {
    try {
      const q = parseQuantity(String(v));
      if (!into[k] || compareQuantities(q, into[k]!) > 0) into[k] = q;
    } catch {
      /* see add() */
    }
  }
}

export function podRequestsAndLimits(pod: any): { reqs: ResourceTotals; limits: ResourceTotals } {
  const reqs: ResourceTotals = {};
  const limits: ResourceTotals = {};
  for (const c of pod.spec?.containers ?? []) {
    add(reqs, c.resources?.requests);
    add(limits, c.resources?.limits);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    maxInto(reqs, c.resources?.requests);
    maxInto(limits, c.resources?.limits);
  }
  add(reqs, pod.spec?.overhead);
  add(limits, pod.spec?.overhead);
  return { reqs, limits };
}

export const ZERO = (format: Quantity["format"] = "DecimalSI") => quantityFromValue(0, format);

export const qString = (q: Quantity | undefined) => (q ? formatQuantity(q) : "0");
