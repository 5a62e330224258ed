// PUT and PATCH (main resource and the status subresource): optimistic
// concurrency on resourceVersion, strategy rules, admission, validation, and the
// delete that happens when an update removes the last finalizer of a deleted object.

import { newBadRequest, newConflict } from "../errors";
import type { KubeObject } from "../object";
import type { ResourceInfo } from "../resources/resource-info";
import { admitDetail } from "./admit-detail";
import type { RequestContext } from "./context";
import { jsonEqual } from "../../json-value";
import {
  checkUnknownFields,
  reconcileNamespace,
  requireBodyObject,
  throwIfInvalid,
} from "./object-checks";
import { applyPatch } from "./patch";
import { writeSide } from "./rest-create";
import { getObject, groupResource, removeObject, updateObject } from "./storage";
import { hasStatusSubresource, prepareForUpdate } from "./strategy";
import { type ManagerRef, updateManagedFields } from "../apply/managed-fields";
import { applyDefaults, hasNoDefaults } from "../admission/defaults";
import type { AdmissionRequest } from "./plugins";
import type { UserInfo } from "./types";

/** The request's field manager, with the subresource it wrote through. */
function managerRef(manager: ManagerRef, subresource: "" | "status"): ManagerRef {
  if (!subresource) return manager;
  return {
    manager: manager.manager,
    operation: manager.operation,
    apiVersion: manager.apiVersion,
    subresource,
  };
}

export interface UpdateInput {
  info: ResourceInfo;
  namespace: string;
  name: string;
  subresource: "" | "status";
  user: UserInfo;
  fieldValidation: string | null;
  dryRun: boolean;
  warnings: string[];
  /** The field manager to record the changed fields under (absent: already recorded by apply). */
  manager?: ManagerRef;
}

export function updateResource(ctx: RequestContext, input: UpdateInput, body: unknown): KubeObject {
  const { info } = input;
  let obj = requireBodyObject(body, info);
  if (obj.metadata.name && obj.metadata.name !== input.name) {
    throw newBadRequest(
      "the name of the object (" +
        obj.metadata.name +
        ") does not match the name on the URL (" +
        input.name +
        ")",
    );
  }
  obj = { ...obj, metadata: { ...obj.metadata, name: input.name } };
  obj = checkUnknownFields(ctx, obj, info, input.fieldValidation, input.warnings);
  obj = reconcileNamespace(obj, info, input.namespace);
  const old = getObject(ctx, info, input.namespace, input.name);
  return commitUpdate(ctx, input, obj, old);
}

export function patchResource(
  ctx: RequestContext,
  input: UpdateInput,
  patch: unknown,
  contentType: string | undefined,
): KubeObject {
  const { info } = input;
  const old = getObject(ctx, info, input.namespace, input.name);
  const patched = applyPatch(structuredClone(old), patch, contentType);
  const obj = checkUnknownFields(
    ctx,
    requireBodyObject(patched, info),
    info,
    input.fieldValidation,
    input.warnings,
  );
  // A patch that names a resourceVersion is a precondition like an update's; one that
  // does not applies to the object just read.
  return commitUpdate(ctx, input, reconcileNamespace(obj, info, input.namespace), old);
}

export function commitUpdate(
  ctx: RequestContext,
  input: UpdateInput,
  incoming: KubeObject,
  old: KubeObject,
): KubeObject {
  const { info } = input;
  const oldRev = Number(old.metadata.resourceVersion);
  const wantRev = incoming.metadata.resourceVersion;
  if (wantRev !== undefined && wantRev !== "" && wantRev !== old.metadata.resourceVersion) {
    // Same check etcd's txn does, answered before admission runs.
    throw newConflict(
      groupResource(info),
      input.name,
      "the object has been modified; please apply your changes to the latest version and try again",
    );
  }
  if (incoming.metadata.uid && incoming.metadata.uid !== old.metadata.uid) {
    throw newConflict(
      groupResource(info),
      input.name,
      `Precondition failed: UID in precondition: ${incoming.metadata.uid}, UID in object meta: ${old.metadata.uid}`,
    );
  }
  let obj = prepareForUpdate(info, incoming, old, input.subresource);
  if (input.manager) {
    // Decode-time defaults first, as for a create: an update that omits a defaulted field
    // does not take it away from its owner (the default puts the same value back).
    // (a kind without defaults would only be copied: Leases, Events)
    if (input.subresource === "" && obj.kind === info.kind && !hasNoDefaults(info))
      obj = keepManagedFields(applyDefaults(obj, info, { decodeOnly: true }), obj);
    obj = updateManagedFields({
      old,
      next: obj,
      ref: managerRef(input.manager, input.subresource),
      now: ctx.now,
      resetStatus: input.subresource === "" && hasStatusSubresource(info),
    });
  }
  const randomSuffix = ctx.randomSuffix;
  // Literals with every key: a spread adding `object` is a V8 slow path (~5 µs, interfaces.md).
  const admission = (object: KubeObject): AdmissionRequest => ({
    operation: "UPDATE",
    info,
    subresource: input.subresource,
    namespace: input.namespace,
    name: input.name,
    object,
    oldObject: old,
    user: input.user,
    lookup: ctx.lookup,
    randomSuffix,
    now: ctx.now,
  });
  obj = keepManagedFields(ctx.plugins.mutate(admission(obj)), obj);
  ctx.trace.recordStep(
    "kube-apiserver",
    "mutating-admission",
    "admit",
    admitDetail("UPDATE", info.resource),
  );
  throwIfInvalid(info, input.name, ctx.plugins.validateUpdate(obj, old, info, input.subresource));
  ctx.trace.recordStep("kube-apiserver", "validation", "validate", info.kind);
  const { sideWrites } = ctx.plugins.admit(admission(obj));
  ctx.trace.recordStep(
    "kube-apiserver",
    "validating-admission",
    "admit",
    admitDetail("UPDATE", info.resource),
  );
  if (input.dryRun) return obj;

  // An update that changes nothing is not written: the resourceVersion stays.
  const unchanged = sameContent(obj, old);
  if (unchanged) return old;

  // Removing the last finalizer of an object marked for deletion deletes it (store.Update).
  // Namespaces also wait for spec.finalizers (ShouldDeleteNamespaceDuringUpdate).
  const specFinalizers =
    info.group === "" && info.resource === "namespaces"
      ? ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length
      : 0;
  if (
    old.metadata.deletionTimestamp &&
    (obj.metadata.finalizers ?? []).length === 0 &&
    specFinalizers === 0
  ) {
    const grace = obj.metadata.deletionGracePeriodSeconds ?? 0;
    if (grace === 0) {
      removeObject(ctx, info, obj, oldRev);
      writeSide(ctx, sideWrites);
      return {
        ...obj,
        metadata: { ...obj.metadata, resourceVersion: old.metadata.resourceVersion },
      };
    }
  }
  const updated = updateObject(ctx, info, obj, oldRev);
  writeSide(ctx, sideWrites);
  if (info.group === "apiextensions.k8s.io") ctx.invalidateRegistry();
  return updated;
}

/**
 * Defaulting and mutating admission return a deep copy; where it holds the same managedFields
 * they are put back as the field manager built them: its FieldsV1 trees are shared and known to
 * it (apply/field-set.ts isEncoded), so the next update of the object need not decode them, and
 * their JSON is made once (managed-fields-json.ts). Only a private copy is changed.
 */
function keepManagedFields(out: KubeObject, before: KubeObject): KubeObject {
  const kept = before.metadata.managedFields;
  const copied = out.metadata.managedFields;
  if (out === before || out.metadata === before.metadata || copied === kept) return out;
  if (kept && copied && jsonEqual(copied, kept)) out.metadata.managedFields = kept;
  return out;
}

/**
 * Semantic equality (map key order does not matter, an undefined value counts as absent), as
 * apiequality.Semantic.DeepEqual, leaving out metadata.resourceVersion - without copying either.
 */
function sameContent(a: KubeObject, b: KubeObject): boolean {
  return sameFields(a, b, "metadata") && sameFields(a.metadata, b.metadata, "resourceVersion");
}

/** jsonEqual of two objects but for one key, and that key's values both objects (metadata). */
function sameFields(a: object, b: object, except: string): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k in x) {
    if (k === except || x[k] === undefined) continue;
    if (!jsonEqual(x[k], y[k])) return false;
  }
  for (const k in y) {
    if (k !== except && y[k] !== undefined && x[k] === undefined) return false;
  }
  return true;
}
