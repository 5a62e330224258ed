// `kubectl events -o json`: kubectl decodes into a typed corev1.EventList, so Go's
// encoder writes the struct fields in declaration order (a map would be sorted, as
// `kubectl get -o json` prints unstructured objects). The order comes from the shared
// Go struct table (go-field-order.ts); unknown keys follow, sorted.

import { typedJson } from "./typed-json";

/** The EventList as kubectl's JSON printer writes it (4-space indent, HTML-safe escapes). */
export function eventListJson(list: { items: unknown[] } & Record<string, unknown>): string {
  return typedJson({ kind: "EventList", ...list });
}
