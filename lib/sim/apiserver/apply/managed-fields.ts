// metadata.managedFields: who owns which fields (k8s.io/apiserver fieldmanager +
// structured-merge-diff's Updater). Every write records the fields it set under its
// manager; an apply (server-side) additionally checks that it does not change fields
// another manager owns, unless forced, and prunes fields it stopped applying.

import { formatTime } from "../../clock";
import { ApiError, type StatusCause } from "../errors";
import type { JsonObject, JsonValue, KubeObject, ManagedFieldsEntry } from "../object";
import {
  difference,
  emptySet,
  type FieldPath,
  type FieldSet,
  fromFieldsV1,
  hasBelow,
  has,
  intersection,
  isEmpty,
  paths,
  pathString,
  toFieldsV1,
  union,
  withoutPrefixes,
  fromPaths,
  isEncoded,
  markEncoded,
} from "./field-set";
import { compare, merge, removeItems, toFieldSet } from "./typed-walk";
import { createdFieldsV1ByShape } from "./created-shape";

export interface ManagerRef {
  manager: string;
  operation: "Apply" | "Update";
  /** The object's apiVersion (group/version) the request used. */
  apiVersion: string;
  subresource?: string;
}

interface Managed {
  ref: ManagerRef;
  time?: string;
  set: FieldSet;
  /** The stored entry this manager was decoded from (reused when it encodes the same). */
  from?: ManagedFieldsEntry;
}

/** BuildManagerIdentifier: appliers are one manager whatever apiVersion they used. */
function identity(ref: ManagerRef): string {
  return JSON.stringify({
    manager: ref.manager,
    operation: ref.operation,
    ...(ref.operation === "Update" ? { apiVersion: ref.apiVersion } : {}),
    ...(ref.subresource ? { subresource: ref.subresource } : {}),
  });
}

function decode(entries: readonly ManagedFieldsEntry[] | undefined): Map<string, Managed> {
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
function startingManagers(
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
function encode(managers: Map<string, Managed>): ManagedFieldsEntry[] {
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

/** Fields no manager owns: stripped by the StripMeta manager, or reset by the strategy. */
const STRIPPED: FieldPath[] = [
  ["f:apiVersion"],
  ["f:kind"],
  ...[
    "name",
    "namespace",
    "creationTimestamp",
    "selfLink",
    "uid",
    "clusterName",
    "generation",
    "managedFields",
    "resourceVersion",
  ].map((f) => ["f:metadata", `f:${f}`]),
];

function owned(set: FieldSet, resetStatus: boolean): FieldSet {
  const out = withoutPrefixes(set, resetStatus ? [...STRIPPED, ["f:status"]] : STRIPPED);
  out.members.delete("f:metadata");
  return out;
}

/** The object as the field manager sees it: without the bookkeeping it writes itself. */
function content(obj: KubeObject | undefined): JsonValue | undefined {
  if (!obj) return undefined;
  const { managedFields: _m, resourceVersion: _r, ...meta } = obj.metadata;
  void _m;
  void _r;
  return { ...obj, metadata: meta } as unknown as JsonValue;
}

/** A PodTemplateSpec's zero value: metav1.Time and `containers` (no omitempty) serialize as null. */
const zeroTemplate = (): JsonObject => ({
  metadata: { creationTimestamp: null },
  spec: { containers: null },
});

/**
 * What a create compares against: the kind's zero value as Go serializes it - non-pointer
 * structs (metadata, spec, status, pod templates, strategies) exist, fields without
 * omitempty are null. A present null is not "added": `f:containers` gets no "." entry,
 * where an omitempty list such as a Service's `f:ports` does.
 */
function zeroValue(obj: KubeObject): JsonValue {
  const out: JsonObject = { metadata: { creationTimestamp: null } };
  const spec = obj.spec as Record<string, unknown> | undefined;
  if (spec && typeof spec === "object") {
    const s: JsonObject =
      obj.kind === "Pod" && !obj.apiVersion.includes("/")
        ? (zeroTemplate().spec as JsonObject)
        : {};
    if (spec.template && typeof spec.template === "object") s.template = zeroTemplate();
    for (const k of ["strategy", "updateStrategy"]) if (k in spec) s[k] = {};
    out.spec = s;
  }
  if (obj.status !== undefined) out.status = {};
  return out;
}

export interface UpdateInput {
  old: KubeObject | undefined;
  next: KubeObject;
  ref: ManagerRef;
  now: number;
  /** The main resource of a kind with a status subresource: status belongs to nobody here. */
  resetStatus: boolean;
}

/** managedFieldsUpdater.Update: a create/update/non-apply patch takes what it changed. */
export function updateManagedFields(input: UpdateInput): KubeObject {
  const sent = input.next.metadata.managedFields;
  if (!input.old && (sent === undefined || sent === null || sent.length === 0)) {
    const created = createdEntry(input);
    if (created) return created;
  }
  return updateManagedFieldsGeneral(input);
}

/** A create that starts from no managers: its one entry, built in one walk (created-fields.ts). */
function createdEntry(input: UpdateInput): KubeObject | undefined {
  const { next } = input;
  // The zero value follows the kind (a core Pod's) and the object's shape, which the cache key has.
  const zeroKey = next.kind === "Pod" && !next.apiVersion.includes("/") ? "Pod" : "";
  const fields = createdFieldsV1ByShape(
    zeroKey,
    zeroValue(next),
    content(next)!,
    input.resetStatus,
  );
  if (!fields) return undefined;
  const meta = { ...input.next.metadata };
  if (hasKeys(fields)) {
    const { ref } = input;
    meta.managedFields = [
      {
        manager: ref.manager,
        operation: ref.operation,
        apiVersion: ref.apiVersion,
        time: formatTime(input.now),
        fieldsType: "FieldsV1",
        fieldsV1: markEncoded(fields),
        ...(ref.subresource ? { subresource: ref.subresource } : {}),
      },
    ];
  } else delete meta.managedFields;
  return { ...input.next, metadata: meta };
}

function hasKeys(o: JsonObject): boolean {
  for (const _ in o) return true;
  return false;
}

/** The general Update (any starting managers); exported so tests can hold the create walk to it. */
export function updateManagedFieldsGeneral(input: UpdateInput): KubeObject {
  const managers = startingManagers(input.old, input.next, input.ref.subresource);
  const before = input.old ? content(input.old) : zeroValue(input.next);
  const c = compare(before, content(input.next));
  const touched = union(c.added, c.modified);
  for (const m of managers.values()) m.set = difference(m.set, union(touched, c.removed));
  const took = owned(difference(touched, c.removed), input.resetStatus);
  if (!isEmpty(took)) {
    const id = identity(input.ref);
    const prev = managers.get(id);
    managers.set(id, {
      ref: input.ref,
      time: formatTime(input.now),
      set: prev ? union(prev.set, took) : took,
      ...(prev?.from ? { from: prev.from } : {}),
    });
  }
  return withManaged(input.next, managers);
}

function withManaged(obj: KubeObject, managers: Map<string, Managed>): KubeObject {
  const entries = encode(managers);
  const meta = { ...obj.metadata };
  if (entries.length > 0) meta.managedFields = entries;
  else delete meta.managedFields;
  return { ...obj, metadata: meta };
}

export interface ApplyInput {
  live: KubeObject | undefined;
  config: KubeObject;
  ref: ManagerRef;
  force: boolean;
  now: number;
  resetStatus: boolean;
}

export interface ApplyResult {
  object: KubeObject;
  /** False when the apply changed nothing in the object. */
  changed: boolean;
}

/** Updater.Apply: merge, take ownership of the applied fields, prune, check conflicts. */
export function applyManagedFields(input: ApplyInput): ApplyResult {
  const managers = decode(input.live?.metadata.managedFields);
  const live = input.live ? content(input.live) : undefined;
  const config = content(input.config)!;
  let merged = merge(live, config);
  const id = identity(input.ref);
  const last = managers.get(id);
  const set = owned(toFieldSet(config), input.resetStatus);
  managers.set(id, { ref: input.ref, ...(last?.time ? { time: last.time } : {}), set });
  if (last && !isEmpty(last.set)) merged = prune(merged, managers, last.set);

  const c = compare(live ?? zeroValue(input.config), merged);
  const touched = union(c.added, c.modified);
  const conflicts: { manager: Managed; path: string[] }[] = [];
  for (const [other, m] of managers) {
    if (other === id) continue;
    const clash = intersection(m.set, touched);
    for (const path of paths(clash)) conflicts.push({ manager: m, path });
  }
  if (conflicts.length > 0 && !input.force) throw applyConflict(conflicts);
  for (const [other, m] of managers) {
    if (other === id) continue;
    m.set = difference(difference(m.set, touched), c.removed);
  }
  const changed = JSON.stringify(live) !== JSON.stringify(merged);
  if (changed || !last) managers.get(id)!.time = formatTime(input.now);
  const object = merged as unknown as KubeObject;
  return { object: withManaged(object, managers), changed };
}

/** Fields the applier applied last time and no longer does, unless someone else owns them. */
function prune(merged: JsonValue, managers: Map<string, Managed>, last: FieldSet): JsonValue {
  let all = emptySet();
  for (const m of managers.values()) all = union(all, m.set);
  const gone = paths(difference(last, all)).filter((p) => !has(all, p) && !hasBelow(all, p));
  return gone.length ? removeItems(merged, fromPaths(gone)) : merged;
}

/** printManager: `"kubectl-create" using apps/v1`, `"kubectl" ` for appliers. */
function printManager(ref: ManagerRef): string {
  let out = JSON.stringify(ref.manager);
  if (ref.subresource) out += ` with subresource ${JSON.stringify(ref.subresource)}`;
  if (ref.operation === "Update") out += ` using ${ref.apiVersion}`;
  return out;
}

/** NewConflictError: 409 Conflict with one FieldManagerConflict cause per path. */
function applyConflict(conflicts: { manager: Managed; path: string[] }[]): ApiError {
  const causes: StatusCause[] = conflicts.map((c) => ({
    type: "FieldManagerConflict",
    message: `conflict with ${printManager(c.manager.ref)}`,
    field: pathString(c.path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    const [only] = conflicts;
    message = `Apply failed with 1 conflict: conflict with ${printManager(only!.manager.ref)}: ${pathString(only!.path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) {
      const name = printManager(c.manager.ref);
      byManager.set(name, [...(byManager.get(name) ?? []), pathString(c.path)]);
    }
    const lines: string[] = [];
    for (const name of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${name}:`);
      for (const p of byManager.get(name)!) lines.push(`- ${p}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`;
  }
  return new ApiError({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason: "Conflict",
    details: { causes },
    code: 409,
  });
}
