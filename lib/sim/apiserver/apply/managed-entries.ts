// metadata.managedFields entries <-> the managers of a write (k8s.io/apiserver
// fieldmanager's decodeManagedFields / encodeManagedFields): decoding with the
// apiserver's validity rules, where a write's managers start from, and encoding in
// kube-apiserver's sort order, reusing stored entries nothing changed.

import type { KubeObject, ManagedFieldsEntry } from "../object";
import { type FieldSet, fromFieldsV1, isEmpty, isEncoded, toFieldsV1 } from "./field-set";

export interface ManagerRef {
  manager: string;
  operation: "Apply" | "Update";
  /** The object's apiVersion (group/version) the request used. */
  apiVersion: string;
  subresource?: string;
}

export interface Managed {
  ref: ManagerRef;
  time?: string;
  set: FieldSet;
  /** The stored entry this manager was decoded from (reused when it encodes the same). */
  from?: ManagedFieldsEntry;
}

/** BuildManagerIdentifier: appliers are one manager whatever apiVersion they used. */
export function identity(ref: ManagerRef): string {
  return JSON.stringify({
    manager: ref.manager,
    operation: ref.operation,
    ...(ref.operation === "Update" ? { apiVersion: ref.apiVersion } : {}),
    ...(ref.subresource ? { subresource: ref.subresource } : {}),
  });
}

export function decode(entries: readonly ManagedFieldsEntry[] | undefined): Map<string, Managed> {
  const out = new Map<string, Managed>();
  for (const e of entries ?? []) {
    const ref: ManagerRef = {
      manager: e.manager ?? "",
      operation: e.operation ?? "Update",
      apiVersion: e.apiVersion ?? "",
      ...(e.subresource ? { subresource: e.subresource } : {}),
    };
    out.set(identity(ref), {
      ref,
      ...(e.time ? { time: e.time } : {}),
      set: fromFieldsV1(e.fieldsV1),
      from: e,
    });
  }
  return out;
}

/** FieldsV1 trees already found valid: stored objects are shared and never change. */
const validTrees = new WeakSet<object>();

/** FieldsToSet's path elements: ".", f:<name>, i:<index>, k:<json object>, v:<json value>. */
function validFieldsV1(node: unknown): boolean {
  if (!node || typeof node !== "object" || Array.isArray(node)) return false;
  if (validTrees.has(node) || isEncoded(node)) return true;
  if (!validTree(node)) return false;
  // Only whole trees are remembered: an entry per subtree would cost the GC more.
  validTrees.add(node);
  return true;
}

function validTree(node: unknown): boolean {
  if (!node || typeof node !== "object" || Array.isArray(node)) return false;
  for (const [pe, child] of Object.entries(node)) {
    if (pe === ".") continue;
    const body = pe.slice(2);
    if (pe.startsWith("f:")) {
      // a field name
    } else if (pe.startsWith("i:")) {
      if (!/^-?\d+$/.test(body)) return false;
    } else if (pe.startsWith("k:") || pe.startsWith("v:")) {
      try {
        const v: unknown = JSON.parse(body);
        if (pe.startsWith("k:") && (!v || typeof v !== "object" || Array.isArray(v))) return false;
      } catch {
        return false;
      }
    } else return false;
    if (!validTree(child)) return false;
  }
  return true;
}

/** decodeManagedFields: undefined where kube-apiserver's decoder returns an error. */
function strictDecode(
  entries: readonly ManagedFieldsEntry[] | undefined,
): Map<string, Managed> | undefined {
  for (const e of entries ?? []) {
    if (e.operation !== "Apply" && e.operation !== "Update") return undefined;
    if (!e.apiVersion) return undefined;
    if (e.fieldsType !== "FieldsV1") return undefined;
    if (e.fieldsV1 !== undefined && !validFieldsV1(e.fieldsV1)) return undefined;
  }
  return decode(entries);
}

const isEmptyEntry = (e: unknown) =>
  !!e && typeof e === "object" && !Array.isArray(e) && Object.keys(e).length === 0;

/**
 * decodeLiveOrNew: the managers a write starts from. A request may set managedFields
 * itself (an update replaces them); `[{}]` resets them; an empty list or entries that
 * do not decode keep the live ones, so clients unaware of the field never drop it.
 * Subresources always start from the live object's.
 */
export function startingManagers(
  old: KubeObject | undefined,
  next: KubeObject,
  subresource: string | undefined,
): Map<string, Managed> {
  const live = () => strictDecode(old?.metadata.managedFields) ?? new Map<string, Managed>();
  if (subresource) return live();
  const sent = next.metadata.managedFields;
  if (sent === undefined || sent === null || sent.length === 0) return live();
  if (sent.every(isEmptyEntry)) return new Map();
  const decoded = strictDecode(sent);
  return decoded && decoded.size > 0 ? decoded : live();
}

/** sortEncodedManagedFields: by operation, time, manager, apiVersion, subresource. */
export function encode(managers: Map<string, Managed>): ManagedFieldsEntry[] {
  const list: Managed[] = [];
  for (const m of managers.values()) if (!isEmpty(m.set)) list.push(m);
  if (list.length > 1) {
    // Each time parsed once, not on every comparison.
    const seconds = new Map<Managed, number>();
    for (const m of list) seconds.set(m, m.time ? Math.floor(Date.parse(m.time) / 1000) : 0);
    list.sort(
      (p, q) =>
        cmp(p.ref.operation, q.ref.operation) ||
        seconds.get(p)! - seconds.get(q)! ||
        cmp(p.ref.manager, q.ref.manager) ||
        cmp(p.ref.apiVersion, q.ref.apiVersion) ||
        cmp(p.ref.subresource ?? "", q.ref.subresource ?? ""),
    );
  }
  return list.map(entryOf);
}

/** The entry of a manager: the one it was decoded from when nothing in it changed. */
function entryOf(m: Managed): ManagedFieldsEntry {
  const fieldsV1 = toFieldsV1(m.set);
  const from = m.from;
  if (
    from &&
    from.fieldsV1 === fieldsV1 &&
    from.time === m.time &&
    from.apiVersion === m.ref.apiVersion &&
    from.manager === m.ref.manager
  )
    return from;
  // Field order of metav1.ManagedFieldsEntry.
  const entry: ManagedFieldsEntry = {
    manager: m.ref.manager,
    operation: m.ref.operation,
    apiVersion: m.ref.apiVersion,
  };
  if (m.time) entry.time = m.time;
  entry.fieldsType = "FieldsV1";
  entry.fieldsV1 = fieldsV1;
  if (m.ref.subresource) entry.subresource = m.ref.subresource;
  return entry;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
