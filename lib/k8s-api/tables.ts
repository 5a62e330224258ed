// Turns the engine's JSON answer into a meta.k8s.io/v1 Table when kubectl asked
// for one (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`), using the
// server-side printers in lib/sim/apiserver/printers.

import type { KubeObject } from "@/lib/sim/apiserver/object";
import { printTable, type IncludeObject, type Table } from "@/lib/sim/apiserver/printers";
import { apiVersionOf, type ResourceInfo } from "@/lib/sim/apiserver/resources/resource-info";
import { METRICS_GROUP } from "@/lib/sim/apiserver/metrics/metrics-api";
import { metricsTable } from "@/lib/sim/apiserver/metrics/metrics-table";

interface ListBody {
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items?: KubeObject[];
}

export function includeObjectOf(query: URLSearchParams): IncludeObject {
  const v = query.get("includeObject");
  return v === "None" || v === "Object" ? v : "Metadata";
}

/** The Table for a GET (one object) or list answer; other bodies are returned unchanged. */
export function asTable(
  res: ResourceInfo,
  body: unknown,
  now: number,
  includeObject: IncludeObject,
): Table | unknown {
  const b = body as ListBody;
  if (!b || typeof b !== "object") return body;
  if (res.group === METRICS_GROUP) {
    // metrics-server prints its own columns (and no kind/apiVersion on list items).
    const items = Array.isArray(b.items)
      ? b.items
      : b.kind === res.kind
        ? [body as KubeObject]
        : null;
    return items ? metricsTable(items, { now, includeObject }) : body;
  }
  const target = { group: res.group, resource: res.resource, custom: res.custom };
  if (Array.isArray(b.items) && b.kind?.endsWith("List")) {
    const meta = b.metadata ?? {};
    // List items carry no kind/apiVersion; rows[].object (includeObject=Object, used by
    // --sort-by) is a full object that kubectl decodes on its own, so it needs them.
    const items =
      includeObject === "Object"
        ? b.items.map((o) => ({ ...o, apiVersion: apiVersionOf(res), kind: res.kind }))
        : b.items;
    return printTable(target, items, {
      now,
      includeObject,
      listMeta: {
        ...(meta.resourceVersion ? { resourceVersion: meta.resourceVersion } : {}),
        ...(meta.continue ? { continue: meta.continue } : {}),
        ...(meta.remainingItemCount !== undefined
          ? { remainingItemCount: meta.remainingItemCount }
          : {}),
      },
    });
  }
  if (b.kind === res.kind) {
    const obj = body as KubeObject;
    return printTable(target, [obj], {
      now,
      includeObject,
      listMeta: obj.metadata.resourceVersion
        ? { resourceVersion: obj.metadata.resourceVersion }
        : {},
    });
  }
  return body;
}
