// `kubectl events -o json`: kubectl decodes into a typed corev1.EventList, so Go's
// encoder writes the struct fields in declaration order (a map would be sorted, as
// `kubectl get -o json` prints unstructured objects). Keys this table does not know
// follow, sorted, so nothing is ever dropped.

import { OBJECT_META as OBJECT_META_SCHEMA } from "../../apiserver/validation/schema";

type Order = { keys: string[]; nested?: Record<string, Order> };

// ObjectMeta's fields in Go's declaration order, as the API server's schema lists them.
const OBJECT_META: Order = { keys: Object.keys((OBJECT_META_SCHEMA as { o: object }).o) };
const OBJECT_REFERENCE: Order = {
  keys: ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"],
};
const EVENT: Order = {
  keys: [
    "kind",
    "apiVersion",
    "metadata",
    "involvedObject",
    "reason",
    "message",
    "source",
    "firstTimestamp",
    "lastTimestamp",
    "count",
    "type",
    "eventTime",
    "series",
    "action",
    "related",
    "reportingComponent",
    "reportingInstance",
  ],
  nested: {
    metadata: OBJECT_META,
    involvedObject: OBJECT_REFERENCE,
    related: OBJECT_REFERENCE,
    source: { keys: ["component", "host"] },
    series: { keys: ["count", "lastObservedTime"] },
  },
};
const EVENT_LIST: Order = {
  keys: ["kind", "apiVersion", "metadata", "items"],
  nested: { metadata: { keys: ["selfLink", "resourceVersion", "continue", "remainingItemCount"] } },
};

function sortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (!v || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, sortedKeys(o[k])]),
  );
}

function ordered(v: unknown, order: Order): unknown {
  if (!v || typeof v !== "object" || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  const known = order.keys.filter((k) => k in o);
  const rest = Object.keys(o)
    .filter((k) => !order.keys.includes(k))
    .sort();
  return Object.fromEntries(
    [...known, ...rest].map((k) => {
      const nested = order.nested?.[k];
      return [k, nested ? ordered(o[k], nested) : sortedKeys(o[k])];
    }),
  );
}

/** The EventList as kubectl's JSON printer writes it (4-space indent, HTML-safe escapes). */
export function eventListJson(list: { items: unknown[] } & Record<string, unknown>): string {
  const top = ordered({ ...list, items: [] }, EVENT_LIST) as Record<string, unknown>;
  top.items = list.items.map((e) => ordered(e, EVENT));
  return JSON.stringify(top, null, 4)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026");
}
