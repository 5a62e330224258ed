// printPodDisruptionBudget (pkg/printers/internalversion): MIN AVAILABLE and MAX UNAVAILABLE
// print the IntOrString as set ("N/A" when unset), ALLOWED DISRUPTIONS is status.disruptionsAllowed.

import { AGE_COLUMN, NAME_COLUMN, col, since } from "./format";
import type { KindPrinter } from "./types";

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};

const intOrString = (v: unknown) => (v === undefined || v === null ? "N/A" : String(v));

export const podDisruptionBudgetPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col("Min Available", "The minimum number of pods that must be available."),
    col("Max Unavailable", "The maximum number of pods that may be unavailable."),
    col(
      "Allowed Disruptions",
      "Calculated number of pods that may be disrupted at this time.",
      0,
      "integer",
    ),
    AGE_COLUMN,
  ],
  row: (o, now) => {
    const spec = asObj(o.spec);
    const allowed = asObj(o.status).disruptionsAllowed;
    return {
      cells: [
        o.metadata.name,
        intOrString(spec.minAvailable),
        intOrString(spec.maxUnavailable),
        typeof allowed === "number" ? allowed : 0,
        since(o.metadata.creationTimestamp, now),
      ],
    };
  },
};
