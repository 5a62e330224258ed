// Objects in the key order encoding/json gives a k8s.io/api Go struct: TypeMeta (kind,
// apiVersion) first and every struct's fields in declaration order (go-field-order.ts).
// Maps (labels, data, selector...) are Go maps: sorted. Keys the order table does not know
// follow, sorted, so nothing is ever dropped. Both kubectl's JSON printer (`-o json` of the
// objects it builds, lib/sim/cli/kubectl/typed-json.ts) and kube-apiserver's answers on the
// wire (wire-order.ts) write objects this way.

import { goFieldOrder } from "./go-field-order";

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

/**
 * `value` (a struct of Go type `type`, or a list of them) with its keys in Go's order.
 * `zeroTimestamps`: write an absent creationTimestamp as null, as encoding/json does (off on
 * the API server's wire, whose pod templates our terminal's kubectl prints without it).
 */
export function inGoOrder(
  value: unknown,
  type: string | undefined,
  zeroTimestamps = true,
): unknown {
  if (Array.isArray(value)) return value.map((v) => inGoOrder(v, type, zeroTimestamps));
  const order = type ? goFieldOrder(type) : undefined;
  if (!order || !value || typeof value !== "object") return sortedKeys(value);
  let o = value as Record<string, unknown>;
  // metav1.Time is a struct: omitempty never drops it, so a zero creationTimestamp is null.
  if (zeroTimestamps && type === "ObjectMeta" && !("creationTimestamp" in o))
    o = { ...o, creationTimestamp: null };
  const known = order.keys.filter((k) => k in o);
  const rest = Object.keys(o)
    .filter((k) => !order.keys.includes(k))
    .sort();
  return Object.fromEntries(
    [...known, ...rest].map((k) => [k, inGoOrder(o[k], order.types[k], zeroTimestamps)]),
  );
}

/**
 * A top-level object (or List) in typed order: TypeMeta's kind and apiVersion lead.
 * `type`: the Go type when the object does not name its kind (items of an EventList).
 */
export function typedObject(obj: unknown, type?: string, zeroTimestamps = true): unknown {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) return obj;
  const { kind, apiVersion, ...rest } = obj as Record<string, unknown>;
  const kindName = typeof kind === "string" ? kind : type;
  const isList = kindName === "List" || (kindName?.endsWith("List") && Array.isArray(rest.items));
  const body = isList
    ? {
        ...(inGoOrder({ ...rest, items: [] }, "ListObject", zeroTimestamps) as Record<
          string,
          unknown
        >),
        items: (rest.items as unknown[]).map((item) =>
          typedObject(
            item,
            kindName === "List" ? undefined : kindName!.slice(0, -4),
            zeroTimestamps,
          ),
        ),
      }
    : inGoOrder(rest, kindName, zeroTimestamps);
  return {
    ...(kind !== undefined ? { kind } : {}),
    ...(apiVersion !== undefined ? { apiVersion } : {}),
    ...(body as Record<string, unknown>),
  };
}
