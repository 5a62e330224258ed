// Server-side printing: a list or one object of a resource as a meta.k8s.io/v1
// Table, with the kind's printer (always the wide cell set; kubectl hides
// priority-1 columns unless -o wide) and `rows[].object` per `includeObject`.
// The web terminal's kubectl prints from the same Table as real kubectl.

import type { KubeObject } from "../object";
import { NAME_COLUMN, col, since } from "./format";
import {
  componentStatusPrinter,
  configMapPrinter,
  endpointsPrinter,
  eventPrinter,
  leasePrinter,
  namespacePrinter,
  nodePrinter,
  resourceQuotaPrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from "./core";
import { cronJobPrinter } from "./cron-job";
import { jobPrinter } from "./job";
import { networkPolicyPrinter, roleBindingPrinter } from "./rbac-network";
import { podPrinter } from "./pod";
import { podDisruptionBudgetPrinter } from "./pod-disruption-budget";
import type { IncludeObject, KindPrinter, PartialObjectMetadata, Table, TableRow } from "./types";
import {
  daemonSetPrinter,
  deploymentPrinter,
  replicaSetPrinter,
  statefulSetPrinter,
} from "./workloads";

const PRINTERS: Record<string, KindPrinter> = {
  "/pods": podPrinter,
  "/services": servicePrinter,
  "/nodes": nodePrinter,
  "/namespaces": namespacePrinter,
  "/configmaps": configMapPrinter,
  "/secrets": secretPrinter,
  "/serviceaccounts": serviceAccountPrinter,
  "/endpoints": endpointsPrinter,
  "/events": eventPrinter,
  "/componentstatuses": componentStatusPrinter,
  "/resourcequotas": resourceQuotaPrinter,
  "apps/deployments": deploymentPrinter,
  "apps/replicasets": replicaSetPrinter,
  "apps/daemonsets": daemonSetPrinter,
  "apps/statefulsets": statefulSetPrinter,
  "batch/cronjobs": cronJobPrinter,
  "batch/jobs": jobPrinter,
  "rbac.authorization.k8s.io/rolebindings": roleBindingPrinter,
  "rbac.authorization.k8s.io/clusterrolebindings": roleBindingPrinter,
  "networking.k8s.io/networkpolicies": networkPolicyPrinter,
  "coordination.k8s.io/leases": leasePrinter,
  "policy/poddisruptionbudgets": podDisruptionBudgetPrinter,
};

/** The generic convertor (pkg/registry/rest/table.go): NAME and CREATED AT as RFC 3339. */
const defaultPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col(
      "Created At",
      "CreationTimestamp is a timestamp representing the server time when this object was created.",
      0,
      "date",
    ),
  ],
  row: (o) => ({ cells: [o.metadata.name, o.metadata.creationTimestamp ?? ""] }),
};

/** Custom resources without additionalPrinterColumns: NAME and AGE (a "date" column). */
const customResourcePrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col(
      "Age",
      "CreationTimestamp is a timestamp representing the server time when this object was created.",
      0,
      "date",
    ),
  ],
  row: (o, now) => ({ cells: [o.metadata.name, since(o.metadata.creationTimestamp, now)] }),
};

export interface PrintTarget {
  group: string;
  resource: string;
  custom?: boolean;
}

export function printerFor(target: PrintTarget): KindPrinter {
  if (target.custom) return customResourcePrinter;
  return PRINTERS[`${target.group}/${target.resource}`] ?? defaultPrinter;
}

export function partialObjectMetadata(obj: KubeObject): PartialObjectMetadata {
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: obj.metadata };
}

export interface PrintOptions {
  now: number;
  includeObject?: IncludeObject;
  /** Omit columnDefinitions (watch events after the first, as kube-apiserver does with noHeaders). */
  noHeaders?: boolean;
  listMeta?: Table["metadata"];
}

export function printRow(printer: KindPrinter, obj: KubeObject, opts: PrintOptions): TableRow {
  const { cells, conditions } = printer.row(obj, opts.now);
  const include = opts.includeObject ?? "Metadata";
  return {
    cells,
    ...(conditions ? { conditions } : {}),
    ...(include === "None"
      ? {}
      : { object: include === "Object" ? obj : partialObjectMetadata(obj) }),
  };
}

export function printTable(
  target: PrintTarget,
  objects: readonly KubeObject[],
  opts: PrintOptions,
): Table {
  const printer = printerFor(target);
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: opts.listMeta ?? {},
    columnDefinitions: opts.noHeaders ? [] : [...printer.columns],
    rows: objects.map((o) => printRow(printer, o, opts)),
  };
}
