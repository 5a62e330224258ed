// The production wiring of the pipeline's steps: RBAC, the admission chain,
// validation, strict field checks and selectors from their own modules.

import { runMutatingAdmission, runValidatingAdmission } from "../admission";
import { authorize } from "../authz";
import { findUnknownFields, validateCreate, validateUpdate } from "../validation";
import type { ApiServerPlugins, ObjectLookup } from "./plugins";
import { selectorPredicate } from "./selector-plugin";

const RBAC = "rbac.authorization.k8s.io";

function rbacSnapshot(lookup: ObjectLookup) {
  return {
    roles: lookup.list(RBAC, "roles"),
    clusterRoles: lookup.list(RBAC, "clusterroles"),
    roleBindings: lookup.list(RBAC, "rolebindings"),
    clusterRoleBindings: lookup.list(RBAC, "clusterrolebindings"),
  };
}

export const defaultPlugins: ApiServerPlugins = {
  authorize: (a, lookup) => {
    const user = {
      name: a.user.username,
      groups: a.user.groups,
      ...(a.user.uid ? { uid: a.user.uid } : {}),
    };
    // system:masters short-circuits before RBAC is read at all.
    if (user.groups.includes("system:masters")) return { allowed: true, reason: "" };
    const attrs = a.resourceRequest
      ? {
          user,
          verb: a.verb,
          apiGroup: a.apiGroup,
          resource: a.resource,
          subresource: a.subresource,
          namespace: a.namespace,
          name: a.name,
        }
      : { user, verb: a.verb, path: a.path ?? "/" };
    return authorize(attrs, rbacSnapshot(lookup));
  },
  mutate: (req) => runMutatingAdmission(req),
  validateCreate,
  validateUpdate,
  unknownFields: (obj, info) => findUnknownFields(obj, info),
  admit: (req) => runValidatingAdmission(req),
  selector: selectorPredicate,
};
