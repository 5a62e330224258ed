// metadata.managedFields: who owns which fields (k8s.io/apiserver fieldmanager +
// structured-merge-diff's Updater). Every write records the fields it set under its
// manager; an apply (server-side) additionally checks that it does not change fields
// another manager owns, unless forced, and prunes fields it stopped applying.

import { formatTime } from "../../clock";
import { ApiError, type StatusCause } from "../errors";
import type { JsonObject, JsonValue, KubeObject } from "../object";
import { copyForAdding } from "../../json-value";
import {
  difference,
  emptySet,
  type FieldPath,
  type FieldSet,
  hasBelow,
  has,
  intersection,
  isEmpty,
  paths,
  pathString,
  union,
  withoutPrefixes,
  fromPaths,
  markEncoded,
} from "./field-set";
import { type Comparison, compare, merge, removeItems, toFieldSet } from "./typed-walk";
import { ownFieldsUpdate, plainEntries } from "./own-fields-update";
import { createdFieldsV1OfObject } from "./created-shape";
import {
  decode,
  encode,
  identity,
  startingManagers,
  type Managed,
  type ManagerRef,
} from "./managed-entries";

export type { ManagerRef } from "./managed-entries";

/** metadata fields no manager owns (StripMeta). */
const STRIPPED_META = [
  "name",
  "namespace",
  "creationTimestamp",
  "selfLink",
  "uid",
  "clusterName",
  "generation",
  "managedFields",
  "resourceVersion",
].map((f) => `f:${f}`);

/** Fields no manager owns: stripped by the StripMeta manager, or reset by the strategy. */
const STRIPPED: FieldPath[] = [
  ["f:apiVersion"],
  ["f:kind"],
  ...STRIPPED_META.map((f) => ["f:metadata", f]),
];

function owned(set: FieldSet, resetStatus: boolean): FieldSet {
  const out = withoutPrefixes(set, resetStatus ? [...STRIPPED, ["f:status"]] : STRIPPED);
  out.members.delete("f:metadata");
  return out;
}

/** owned(), or the set itself when it holds none of the fields nobody owns (no copy). */
function ownedOf(set: FieldSet, resetStatus: boolean): FieldSet {
  const top = (name: string) => set.members.has(name) || set.children.has(name);
  if (set.members.has("f:metadata") || top("f:apiVersion") || top("f:kind"))
    return owned(set, resetStatus);
  if (resetStatus && top("f:status")) return owned(set, resetStatus);
  const meta = set.children.get("f:metadata");
  if (meta) {
    for (const f of STRIPPED_META)
      if (meta.members.has(f) || meta.children.has(f)) return owned(set, resetStatus);
  }
  return set;
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
  if (!input.old) return updateManagedFieldsGeneral(input);
  const c = compare(content(input.old), content(input.next));
  return ownFieldsOnly(input, input.old, c) ?? updateManagedFieldsGeneral(input, c);
}

/**
 * An update that starts from the live managers and changes only fields no other manager owns
 * (own-fields-update.ts): the stored entries are not decoded nor encoded again.
 */
function ownFieldsOnly(input: UpdateInput, old: KubeObject, c: Comparison): KubeObject | undefined {
  const live = old.metadata.managedFields;
  const sent = input.next.metadata.managedFields;
  // startingManagers takes the live entries in these cases (the same array decodes the same).
  const fromLive =
    !!input.ref.subresource ||
    sent === undefined ||
    sent === null ||
    sent.length === 0 ||
    sent === live;
  if (!fromLive) return undefined;
  const entries = plainEntries(live);
  if (!entries) return undefined;
  const touched = union(c.added, c.modified);
  return ownFieldsUpdate({
    entries,
    next: input.next,
    ref: input.ref,
    now: input.now,
    change: c,
    took: ownedOf(difference(touched, c.removed), input.resetStatus),
    touched,
  });
}

/** A create that starts from no managers: its one entry, built in one walk (created-fields.ts). */
function createdEntry(input: UpdateInput): KubeObject | undefined {
  const { next } = input;
  // The zero value follows the kind (a core Pod's) and the object's shape, which the cache key has.
  const zeroKey = next.kind === "Pod" && !next.apiVersion.includes("/") ? "Pod" : "";
  // The shape is read off the object itself; its content copy is made only for a new shape.
  const fields = createdFieldsV1OfObject(
    zeroKey,
    () => zeroValue(next),
    next,
    () => content(next)!,
    input.resetStatus,
  );
  if (!fields) return undefined;
  // A create's body rarely carries managedFields: the key is added (json-value.ts copyForAdding).
  const meta = copyForAdding(input.next.metadata);
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
export function updateManagedFieldsGeneral(
  input: UpdateInput,
  comparison?: Comparison,
): KubeObject {
  const managers = startingManagers(input.old, input.next, input.ref.subresource);
  const before = input.old ? content(input.old) : zeroValue(input.next);
  const c = comparison ?? compare(before, content(input.next));
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
