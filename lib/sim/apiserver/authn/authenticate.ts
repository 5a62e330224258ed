// Authentication: who is calling. A bearer token is looked up in the sandbox's
// token table (kubeconfig users and service-account tokens); a caller the app
// already authenticated (the web terminal) passes its user directly. Anonymous
// requests are rejected, as with --anonymous-auth=false.

import { newUnauthorized } from "../errors";
import type { UserInfo } from "../handler/types";

export const AUTHENTICATED_GROUP = "system:authenticated";

export interface AuthnInput {
  token?: string;
  user?: UserInfo;
}

// The user with system:authenticated added, per user object: the control loops send every
// request as the same few UserInfo objects (a kubelet's node identity, a controller's service
// account), and the spread that adds the group was a V8 slow path on each of a settle's ~730
// requests. UserInfo objects are read-only (the audit log and RBAC keep them as they are).
const authenticated = new WeakMap<UserInfo, UserInfo>();

/** Adds system:authenticated as every real authenticator's union does. */
function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.groups.includes(AUTHENTICATED_GROUP)) return user;
  let out = authenticated.get(user);
  if (out === undefined) {
    out = { ...user, groups: [...user.groups, AUTHENTICATED_GROUP] };
    authenticated.set(user, out);
  }
  return out;
}

export function authenticate(
  input: AuthnInput,
  tokens: Readonly<Record<string, UserInfo>>,
): UserInfo {
  if (input.token !== undefined && input.token !== "") {
    const user = Object.prototype.hasOwnProperty.call(tokens, input.token)
      ? tokens[input.token]
      : undefined;
    // kube-apiserver answers an unknown token with a bare 401 "Unauthorized".
    if (!user) throw newUnauthorized("Unauthorized");
    return withAuthenticatedGroup(user);
  }
  if (input.user) return withAuthenticatedGroup(input.user);
  throw newUnauthorized("Unauthorized");
}

/** The identity a service account's token carries. */
export function serviceAccountUser(namespace: string, name: string, uid?: string): UserInfo {
  return {
    username: `system:serviceaccount:${namespace}:${name}`,
    ...(uid ? { uid } : {}),
    groups: ["system:serviceaccounts", `system:serviceaccounts:${namespace}`],
  };
}
