// SelfSubjectRulesReview (`kubectl auth can-i --list`): every rule the caller's
// bindings grant in a namespace, from the RBAC authorizer's RulesFor (and the
// privileged-groups authorizer for system:masters). kubectl sorts and compacts.

import { rulesForUser } from "../authz";
import type { RequestContext } from "../handler/context";
import type { UserInfo } from "../handler/types";

const RBAC = "rbac.authorization.k8s.io";

export function selfSubjectRulesReview(
  ctx: RequestContext,
  user: UserInfo,
  body: unknown,
): unknown {
  const spec = ((body as { spec?: { namespace?: string } } | undefined)?.spec ?? {}) as {
    namespace?: string;
  };
  const rbac = {
    roles: ctx.lookup.list(RBAC, "roles"),
    clusterRoles: ctx.lookup.list(RBAC, "clusterroles"),
    roleBindings: ctx.lookup.list(RBAC, "rolebindings"),
    clusterRoleBindings: ctx.lookup.list(RBAC, "clusterrolebindings"),
  };
  const status = rulesForUser(
    rbac,
    { name: user.username, groups: user.groups, ...(user.uid ? { uid: user.uid } : {}) },
    spec.namespace ?? "",
  );
  return {
    kind: "SelfSubjectRulesReview",
    apiVersion: "authorization.k8s.io/v1",
    metadata: { creationTimestamp: null },
    spec: spec.namespace ? { namespace: spec.namespace } : {},
    status,
  };
}
