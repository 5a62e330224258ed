// meta.k8s.io/v1 Table: what kube-apiserver answers to `Accept: ...;as=Table;g=meta.k8s.io;v=v1`.
// kubectl prints these cells as they are, adding only NAMESPACE (-A) and LABELS (--show-labels)
// from `rows[].object`.

import type { KubeObject, ObjectMeta } from "../object";

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface PartialObjectMetadata {
  kind: "PartialObjectMetadata";
  apiVersion: "meta.k8s.io/v1";
  metadata: ObjectMeta;
}

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface TableRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
  object?: PartialObjectMetadata | KubeObject;
}

export interface Table {
  kind: "Table";
  apiVersion: "meta.k8s.io/v1";
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** `includeObject` query parameter: Metadata by default (PartialObjectMetadata). */
export type IncludeObject = "None" | "Metadata" | "Object";

/** One kind's printer: its columns and the cells of one object (always the wide set). */
export interface KindPrinter {
  columns: readonly TableColumnDefinition[];
  row(obj: KubeObject, now: number): { cells: unknown[]; conditions?: TableRowCondition[] };
}
