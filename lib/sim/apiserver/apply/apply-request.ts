// PATCH with application/apply-patch+yaml (server-side apply): validate the patch
// options, merge the applied configuration into the live object under its field
// manager (creating the object when it does not exist yet), then run the same
// create/update pipeline as any other write.

import { newBadRequest, newInvalid } from "../errors";
import type { KubeObject } from "../object";
import { apiVersionOf, type ResourceInfo } from "../resources/resource-info";
import { fieldErrors, type FieldError } from "../validation/field-error";
import type { RequestContext } from "../handler/context";
import { checkUnknownFields, reconcileNamespace } from "../handler/object-checks";
import { findObject, getObject } from "../handler/storage";
import { createResource } from "../handler/rest-create";
import { commitUpdate } from "../handler/rest-update";
import { hasStatusSubresource } from "../handler/strategy";
import type { UserInfo } from "../handler/types";
import { applyManagedFields } from "./managed-fields";
import { applyDefaults } from "../admission/defaults";

export const APPLY_PATCH_TYPE = "application/apply-patch+yaml";

export function isApplyPatch(contentType: string | undefined): boolean {
  return (contentType ?? "").split(";")[0]!.trim() === APPLY_PATCH_TYPE;
}

const MAX_MANAGER_LENGTH = 128;

/** ValidatePatchOptions: fieldManager is required for apply, force only allowed there. */
export function validatePatchOptions(query: URLSearchParams, apply: boolean): void {
  const errs: FieldError[] = [];
  const manager = query.get("fieldManager") ?? "";
  if (!apply) {
    if (query.has("force"))
      errs.push(fieldErrors.forbidden("force", "may not be specified for non-apply patch"));
  } else if (manager === "") {
    errs.push(fieldErrors.required("fieldManager", "is required for apply patch"));
  }
  if (manager.length > MAX_MANAGER_LENGTH) {
    errs.push(fieldErrors.tooLongMaxLength("fieldManager", manager, MAX_MANAGER_LENGTH));
  }
  if (errs.length) throw newInvalid({ group: "meta.k8s.io", kind: "PatchOptions" }, "", errs);
}

export interface ApplyRequest {
  info: ResourceInfo;
  namespace: string;
  name: string;
  subresource: "" | "status";
  user: UserInfo;
  fieldValidation: string | null;
  warnings: string[];
  fieldManager: string;
  force: boolean;
}

export interface PreparedApply {
  /** The object to write, managedFields already set; undefined live means create. */
  object: KubeObject;
  live: KubeObject | undefined;
}

/** The merged object an apply asks for, or the Status error it earns. */
export function prepareApply(
  ctx: RequestContext,
  req: ApplyRequest,
  patch: unknown,
): PreparedApply {
  const { info } = req;
  if (!patch || typeof patch !== "object" || Array.isArray(patch))
    throw newBadRequest("the body of the request was in an unknown format");
  const raw = patch as Record<string, unknown>;
  const expected = apiVersionOf(info);
  if (raw.apiVersion !== expected) {
    throw newBadRequest(
      `Incorrect version specified in apply patch. Specified patch version: ${String(raw.apiVersion ?? "")}, expected: ${expected}`,
    );
  }
  const meta = (raw.metadata ?? {}) as KubeObject["metadata"];
  if (meta.managedFields !== undefined) {
    throw newBadRequest("metadata.managedFields must be nil");
  }
  if (meta.name && meta.name !== req.name) {
    throw newBadRequest(
      `the name of the object (${meta.name}) does not match the name on the URL (${req.name})`,
    );
  }
  if (raw.kind !== info.kind) {
    throw newBadRequest(
      `the object provided is unrecognized (must be of type ${info.kind}): ${String(raw.kind ?? "")} ${expected}`,
    );
  }
  let config = { ...raw, metadata: { ...meta, name: req.name } } as KubeObject;
  config = checkUnknownFields(ctx, config, info, req.fieldValidation, req.warnings);
  config = reconcileNamespace(config, info, req.namespace);

  const live = findObject(ctx, info, req.namespace, req.name);
  const { object } = applyManagedFields({
    live,
    config,
    ref: {
      manager: req.fieldManager,
      operation: "Apply",
      apiVersion: expected,
      ...(req.subresource ? { subresource: req.subresource } : {}),
    },
    force: req.force,
    now: ctx.now,
    resetStatus: req.subresource === "" && hasStatusSubresource(info),
  });
  // structuredMergeManager.Apply defaults the merged object: the defaults belong to nobody.
  const defaulted =
    req.subresource === "" && object.kind === info.kind
      ? applyDefaults(object, info, { decodeOnly: true })
      : object;
  return { object: defaulted, live };
}

export interface ApplyInput extends ApplyRequest {
  dryRun: boolean;
}

/** The apply as a whole: 201 when it created the object, 200 otherwise. */
export function applyResource(
  ctx: RequestContext,
  input: ApplyInput,
  patch: unknown,
): { code: number; object: KubeObject } {
  const { object, live } = prepareApply(ctx, input, patch);
  if (!live) {
    if (input.subresource) getObject(ctx, input.info, input.namespace, input.name);
    return { code: 201, object: createResource(ctx, { ...input, body: object }) };
  }
  return { code: 200, object: commitUpdate(ctx, { ...input }, object, live) };
}
