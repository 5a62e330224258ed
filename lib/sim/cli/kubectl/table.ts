// kubectl's human-readable printer over a meta.k8s.io/v1 Table: uppercase headers,
// priority-1 columns only with -o wide, NAMESPACE first with -A, LABELS last with
// --show-labels, a "kind/" prefix when several kinds print, Go tabwriter alignment.

import { tabwrite } from "../../kubeadm/tabwriter";

export interface TableColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority: number;
}

export interface TableRow {
  cells: unknown[];
  object?: { metadata?: { name?: string; namespace?: string; labels?: Record<string, string> } };
}

export interface Table {
  kind: "Table";
  apiVersion: "meta.k8s.io/v1";
  metadata?: { resourceVersion?: string };
  columnDefinitions: TableColumn[];
  rows: TableRow[];
}

export interface TableOptions {
  wide?: boolean;
  withNamespace?: boolean;
  showLabels?: boolean;
  /** "pod" or "deployment.apps": printed as `<kind>/<name>` in the name column. */
  kindPrefix?: string;
  noHeaders?: boolean;
  /** Extra label keys as columns (-L). */
  labelColumns?: string[];
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "<none>";
  if (typeof cell === "string") return cell;
  if (typeof cell === "number" || typeof cell === "boolean") return String(cell);
  return JSON.stringify(cell);
}

export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(",") : "<none>";
}

/** The rows of one table as text lines (header included unless noHeaders). */
export function tableRows(table: Table, opts: TableOptions = {}): string[][] {
  const visible = table.columnDefinitions
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.priority === 0 || opts.wide);
  const header: string[] = [];
  if (opts.withNamespace) header.push("NAMESPACE");
  header.push(...visible.map(({ c }) => c.name.toUpperCase()));
  for (const l of opts.labelColumns ?? []) header.push(l.split("/").pop()!.toUpperCase());
  if (opts.showLabels) header.push("LABELS");
  const out = opts.noHeaders ? [] : [header];
  for (const row of table.rows) {
    const meta = row.object?.metadata ?? {};
    const cells: string[] = [];
    if (opts.withNamespace) cells.push(meta.namespace ?? "");
    for (const { c, i } of visible) {
      let text = cellText(row.cells[i]);
      if (opts.kindPrefix && c.format === "name") text = `${opts.kindPrefix}/${text}`;
      cells.push(text);
    }
    for (const l of opts.labelColumns ?? []) cells.push(meta.labels?.[l] ?? "");
    if (opts.showLabels) cells.push(formatLabels(meta.labels));
    out.push(cells);
  }
  return out;
}

/** kubectl's tabwriter: minwidth 6, padding 3 (k8s.io/cli-runtime printers.GetNewTabWriter). */
export function printTable(table: Table, opts: TableOptions = {}): string {
  return tabwrite(tableRows(table, opts), 6, 3);
}
