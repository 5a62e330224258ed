// NamespaceLifecycle admission: no content in missing or terminating namespaces, and the
// system namespaces can never be deleted.
import { ApiError, newForbidden, newNotFound } from "../errors";
import type { KubeObject } from "../object";
import type { ResourceInfo } from "../resources/resource-info";

export type Operation = "CREATE" | "UPDATE" | "DELETE" | "CONNECT";

/** metav1.NamespaceDefault, NamespaceSystem, NamespacePublic. */
export const IMMORTAL_NAMESPACES = ["default", "kube-system", "kube-public"];

export interface LifecycleRequest {
  operation: Operation;
  info: Pick<ResourceInfo, "group" | "resource" | "namespaced">;
  namespace: string;
  name: string;
}

export function isTerminating(ns: KubeObject): boolean {
  const status = (ns.status ?? {}) as { phase?: string };
  return status.phase === "Terminating" || ns.metadata.deletionTimestamp !== undefined;
}

/** Throws the plugin's error; `namespace` is the stored Namespace object, if any. */
export function admitNamespaceLifecycle(
  req: LifecycleRequest,
  namespace: KubeObject | undefined,
): void {
  const gr = { group: req.info.group, resource: req.info.resource };
  if (req.operation === "DELETE" && req.info.group === "" && req.info.resource === "namespaces") {
    if (IMMORTAL_NAMESPACES.includes(req.name)) {
      throw newForbidden(gr, req.name, "this namespace may not be deleted");
    }
    return;
  }
  if (!req.info.namespaced || req.namespace === "" || req.operation !== "CREATE") return;
  if (namespace === undefined)
    throw newNotFound({ group: "", resource: "namespaces" }, req.namespace);
  if (isTerminating(namespace)) {
    const message = `unable to create new content in namespace ${req.namespace} because it is being terminated`;
    const base = newForbidden(gr, req.name, message).status;
    throw new ApiError({
      ...base,
      details: {
        ...base.details,
        causes: [{ type: "NamespaceTerminating", message, field: "metadata.namespace" }],
      },
      code: base.code,
    });
  }
}
