// metrics-server's ConvertToTable for `kubectl get nodemetrics|podmetrics`:
// Name, then one quantity column per measured resource (sorted: cpu, memory), then
// Window. A pod's usage is the sum of its containers'. An empty list has no columns.

/* eslint-disable @typescript-eslint/no-explicit-any -- metrics objects are read as loose JSON */
import { printRow, type PrintOptions } from "../printers/table";
import type { KindPrinter, Table, TableColumnDefinition } from "../printers/types";
import type { KubeObject } from "../object";
import { parseQuantity, quantityMilliValue, quantityValue } from "../../quantity/quantity";
import { usageList } from "./metrics-api";

const column = (name: string, format: string, description = ""): TableColumnDefinition => ({
  name,
  type: "string",
  format,
  description,
  priority: 0,
});

const COLUMNS = [
  column("Name", "name", "Name of the resource"),
  column("cpu", "quantity"),
  column("memory", "quantity"),
  column("Window", "duration"),
];

function usageOf(m: any): { cpu: string; memory: string } {
  if (m.usage) return m.usage;
  let milliCpu = 0;
  let bytes = 0;
  for (const c of m.containers ?? []) {
    milliCpu += quantityMilliValue(parseQuantity(String(c.usage?.cpu ?? "0")));
    bytes += quantityValue(parseQuantity(String(c.usage?.memory ?? "0")));
  }
  return usageList({ milliCpu, bytes });
}

const PRINTER: KindPrinter = {
  columns: COLUMNS,
  row: (o) => {
    const u = usageOf(o);
    return { cells: [o.metadata.name, u.cpu, u.memory, (o as any).window ?? ""] };
  },
};

export function metricsTable(items: readonly KubeObject[], opts: PrintOptions): Table {
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: {},
    columnDefinitions: items.length && !opts.noHeaders ? [...COLUMNS] : [],
    rows: items.map((o) => printRow(PRINTER, o, opts)),
  };
}
