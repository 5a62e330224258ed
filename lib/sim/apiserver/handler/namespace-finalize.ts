// PUT /api/v1/namespaces/<name>/finalize: the namespace controller's way to drop the
// "kubernetes" finalizer from spec.finalizers once the namespace is empty. Only
// spec.finalizers changes; a Terminating namespace left with no finalizers at all
// is deleted by that update (ShouldDeleteNamespaceDuringUpdate).

import { newBadRequest } from "../errors";
import type { KubeObject } from "../object";
import type { ResourceInfo } from "../resources/resource-info";
import type { RequestContext } from "./context";
import { getObject, removeObject, updateObject } from "./storage";

export function finalizeNamespace(
  ctx: RequestContext,
  info: ResourceInfo,
  name: string,
  body: unknown,
): KubeObject {
  const ns = getObject(ctx, info, "", name);
  const spec = (body as { spec?: { finalizers?: unknown } } | undefined)?.spec;
  const finalizers = spec?.finalizers ?? [];
  if (!Array.isArray(finalizers) || finalizers.some((f) => typeof f !== "string")) {
    throw newBadRequest(`Namespace "${name}" is invalid: spec.finalizers: Invalid value`);
  }
  const next: KubeObject = {
    ...ns,
    spec: { ...((ns.spec as object | undefined) ?? {}), finalizers: finalizers as string[] },
  };
  const rev = Number(ns.metadata.resourceVersion);
  if (
    ns.metadata.deletionTimestamp &&
    finalizers.length === 0 &&
    (ns.metadata.finalizers ?? []).length === 0
  ) {
    removeObject(ctx, info, next, rev);
    return next;
  }
  return updateObject(ctx, info, next, rev);
}
