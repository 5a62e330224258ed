// How authentication describes users to authorization: the implicit groups every authenticated
// request carries, and service-account identities.
import { serviceAccountUsername } from "./bindings";
import { SYSTEM_AUTHENTICATED, SYSTEM_SERVICEACCOUNTS, type UserInfo } from "./types";

/** The authenticator adds system:authenticated to every authenticated user. */
export function authenticatedUser(
  name: string,
  groups: readonly string[] = [],
  uid?: string,
): UserInfo {
  const all = groups.includes(SYSTEM_AUTHENTICATED)
    ? [...groups]
    : [...groups, SYSTEM_AUTHENTICATED];
  return uid === undefined ? { name, groups: all } : { name, groups: all, uid };
}

/** A service-account token's user: system:serviceaccount:<ns>:<name> and its two groups. */
export function serviceAccountUser(namespace: string, name: string, uid?: string): UserInfo {
  return authenticatedUser(
    serviceAccountUsername(namespace, name),
    [SYSTEM_SERVICEACCOUNTS, `${SYSTEM_SERVICEACCOUNTS}:${namespace}`],
    uid,
  );
}
