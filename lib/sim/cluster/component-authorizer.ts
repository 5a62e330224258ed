// Authorization of the simulated control-plane components. A real cluster lets the
// kubelets through the Node authorizer and the controllers through the
// system:controller:* roles (bound to their service accounts); the sandbox keeps
// neither in its store (to stay small), so this wrapper grants the same access by
// identity and falls back to RBAC for everyone else.

import { defaultPlugins } from "../apiserver/handler/default-plugins";
import type {
  ApiServerPlugins,
  AuthorizationAttributes,
  Decision,
} from "../apiserver/handler/plugins";

/** The service accounts kube-controller-manager runs its controllers as. */
export const CONTROLLER_ACCOUNTS = new Set([
  "deployment-controller",
  "replicaset-controller",
  "daemon-set-controller",
  "job-controller",
  "endpoint-controller",
  "endpointslice-controller",
  "namespace-controller",
  "generic-garbage-collector",
  "node-controller",
  "service-account-controller",
]);

const SA_PREFIX = "system:serviceaccount:kube-system:";

export function componentDecision(a: AuthorizationAttributes): Decision | undefined {
  const name = a.user.username;
  if (name.startsWith("system:node:") && a.user.groups.includes("system:nodes")) {
    return { allowed: true, reason: "" }; // the Node authorizer gives no reason text
  }
  if (name.startsWith(SA_PREFIX)) {
    const sa = name.slice(SA_PREFIX.length);
    if (!CONTROLLER_ACCOUNTS.has(sa)) return undefined;
    const role = `system:controller:${sa}`;
    return {
      allowed: true,
      reason: `RBAC: allowed by ClusterRoleBinding "${role}" of ClusterRole "${role}" to ServiceAccount "${sa}/kube-system"`,
    };
  }
  if (name === "system:kube-scheduler" || name === "system:kube-controller-manager") {
    return {
      allowed: true,
      reason: `RBAC: allowed by ClusterRoleBinding "${name}" of ClusterRole "${name}" to User "${name}"`,
    };
  }
  return undefined;
}

export function clusterPlugins(base: ApiServerPlugins = defaultPlugins): ApiServerPlugins {
  return {
    ...base,
    authorize: (a, lookup) => componentDecision(a) ?? base.authorize(a, lookup),
  };
}
