// The usual Update of managedFields without decoding every manager: a kubelet status write, a
// Lease renewal, a controller's status update change only fields that no other manager owns.
// The other entries then stay exactly as stored, and the writer's entry keeps its FieldsV1
// when it owned every changed field already (only its time moves). Same result as the general
// Update (managed-fields.ts), which every other case still takes.

import { formatTime } from "../../clock";
import { copyForAdding } from "../../json-value";
import type { KubeObject, ManagedFieldsEntry } from "../object";
import {
  difference,
  type FieldSet,
  fromFieldsV1,
  isEmpty,
  isEncoded,
  sharedFieldsV1,
  toFieldsV1,
  union,
} from "./field-set";
import type { Comparison } from "./typed-walk";
import type { ManagerRef } from "./managed-entries";

/** Whether some member of `b` (an exact path) is a member of `a`. */
export function sharesMember(a: FieldSet, b: FieldSet): boolean {
  for (const m of b.members) if (a.members.has(m)) return true;
  for (const [k, child] of b.children) {
    const other = a.children.get(k);
    if (other && sharesMember(other, child)) return true;
  }
  return false;
}

/** Whether every member of `b` is a member of `a`. */
export function containsAll(a: FieldSet, b: FieldSet): boolean {
  for (const m of b.members) if (!a.members.has(m)) return false;
  for (const [k, child] of b.children) {
    const other = a.children.get(k);
    if (other) {
      if (!containsAll(other, child)) return false;
    } else if (!isEmpty(child)) return false;
  }
  return true;
}

function sameIdentity(a: ManagedFieldsEntry, b: ManagedFieldsEntry): boolean {
  return (
    a.manager === b.manager &&
    a.operation === b.operation &&
    (a.operation === "Apply" || a.apiVersion === b.apiVersion) &&
    (a.subresource ?? "") === (b.subresource ?? "")
  );
}

/** An Update manager's identity: manager, apiVersion and subresource (BuildManagerIdentifier). */
function isRef(e: ManagedFieldsEntry, ref: ManagerRef): boolean {
  return (
    e.manager === ref.manager &&
    e.operation === "Update" &&
    e.apiVersion === ref.apiVersion &&
    (e.subresource ?? "") === (ref.subresource ?? "")
  );
}

/**
 * The stored entries when the general Update would decode them unchanged: each one valid,
 * written by this encoder (so FieldsV1 decodes and encodes back to the same tree), non-empty,
 * with its time, and no two with one identity. Undefined otherwise.
 */
export function plainEntries(
  entries: readonly ManagedFieldsEntry[] | undefined,
): readonly ManagedFieldsEntry[] | undefined {
  if (!entries) return [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.operation !== "Apply" && e.operation !== "Update") return undefined;
    if (!e.apiVersion || e.fieldsType !== "FieldsV1" || !e.time || e.manager === undefined)
      return undefined;
    if (!isEncoded(e.fieldsV1) || isEmpty(fromFieldsV1(e.fieldsV1))) return undefined;
    for (let j = 0; j < i; j++) if (sameIdentity(entries[j]!, e)) return undefined;
  }
  return entries;
}

export interface OwnFieldsInput {
  entries: readonly ManagedFieldsEntry[];
  next: KubeObject;
  ref: ManagerRef;
  now: number;
  change: Comparison;
  /** What the writer takes: the changed fields less the ones nobody owns (`owned`). */
  took: FieldSet;
  touched: FieldSet;
}

/**
 * The Update's result when no other manager owns a changed or removed field; undefined when
 * one does (the general Update then moves those fields).
 */
export function ownFieldsUpdate(input: OwnFieldsInput): KubeObject | undefined {
  const { entries, ref, change, took, touched } = input;
  if (ref.operation !== "Update") return undefined;
  let prev: ManagedFieldsEntry | undefined;
  for (const e of entries) {
    if (isRef(e, ref)) {
      prev = e;
      continue;
    }
    const set = fromFieldsV1(e.fieldsV1);
    if (sharesMember(set, touched) || sharesMember(set, change.removed)) return undefined;
  }
  let mine: ManagedFieldsEntry | undefined = prev;
  if (!isEmpty(took)) {
    const time = formatTime(input.now);
    let fieldsV1 = prev?.fieldsV1;
    const keeps =
      prev &&
      isEmpty(change.removed) &&
      containsAll(took, touched) &&
      containsAll(fromFieldsV1(prev.fieldsV1), touched);
    if (!keeps) {
      const before = prev ? fromFieldsV1(prev.fieldsV1) : undefined;
      const set = before ? union(difference(before, union(touched, change.removed)), took) : took;
      fieldsV1 = sharedFieldsV1(set);
    }
    mine =
      prev && prev.time === time && prev.fieldsV1 === fieldsV1
        ? prev
        : entryOf(ref, time, fieldsV1!);
  } else if (prev) {
    const before = fromFieldsV1(prev.fieldsV1);
    const set = difference(before, union(touched, change.removed));
    if (set !== before) mine = isEmpty(set) ? undefined : entryOf(ref, prev.time, toFieldsV1(set));
  }
  const list: ManagedFieldsEntry[] = [];
  for (const e of entries) if (e !== prev) list.push(e);
  // A new manager goes last before sorting, as the general Update's map adds it.
  if (mine) {
    if (prev) list.splice(entries.indexOf(prev), 0, mine);
    else list.push(mine);
  }
  sortEntries(list);
  // The body may come without managedFields: then the key is added (json-value.ts copyForAdding).
  const meta = copyForAdding(input.next.metadata);
  if (list.length > 0) meta.managedFields = list;
  else delete meta.managedFields;
  return { ...input.next, metadata: meta };
}

/** A manager's entry in metav1.ManagedFieldsEntry's field order (managed-entries.ts entryOf). */
function entryOf(
  ref: ManagerRef,
  time: string | undefined,
  fieldsV1: ManagedFieldsEntry["fieldsV1"],
): ManagedFieldsEntry {
  const entry: ManagedFieldsEntry = {
    manager: ref.manager,
    operation: ref.operation,
    apiVersion: ref.apiVersion,
  };
  if (time) entry.time = time;
  entry.fieldsType = "FieldsV1";
  entry.fieldsV1 = fieldsV1;
  if (ref.subresource) entry.subresource = ref.subresource;
  return entry;
}

/** sortEncodedManagedFields: by operation, time (seconds), manager, apiVersion, subresource. */
function sortEntries(list: ManagedFieldsEntry[]): void {
  // Usually already in order (the writer's new time is the latest): then nothing to sort.
  let sorted = true;
  for (let i = 1; i < list.length && sorted; i++) sorted = order(list[i - 1]!, list[i]!) <= 0;
  if (!sorted) list.sort(order);
}

const seconds = (e: ManagedFieldsEntry) => (e.time ? Math.floor(Date.parse(e.time) / 1000) : 0);

function order(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  return (
    cmp(p.operation ?? "", q.operation ?? "") ||
    seconds(p) - seconds(q) ||
    cmp(p.manager ?? "", q.manager ?? "") ||
    cmp(p.apiVersion ?? "", q.apiVersion ?? "") ||
    cmp(p.subresource ?? "", q.subresource ?? "")
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
