// The 403 the authorization filter returns (apiserver endpoints/handlers/responsewriters/errors.go).
import { newForbidden, type ApiError } from "../errors";
import type { Attributes } from "./types";
import { goQuote } from "../validation/field-error";

const q = goQuote;

/** forbiddenMessage(attributes). */
export function forbiddenMessage(a: Attributes): string {
  const user = a.user.name;
  if (a.path !== undefined) return `User ${q(user)} cannot ${a.verb} path ${q(a.path)}`;
  let resource = a.resource ?? "";
  if (a.subresource) resource = `${resource}/${a.subresource}`;
  const group = a.apiGroup ?? "";
  if (a.namespace) {
    return `User ${q(user)} cannot ${a.verb} resource ${q(resource)} in API group ${q(group)} in the namespace ${q(a.namespace)}`;
  }
  return `User ${q(user)} cannot ${a.verb} resource ${q(resource)} in API group ${q(group)} at the cluster scope`;
}

/** ForbiddenStatusError: message, plus the authorizer's reason when it gave one. */
export function forbiddenError(a: Attributes, reason = ""): ApiError {
  const msg = reason.length > 0 ? `${forbiddenMessage(a)}: ${reason}` : forbiddenMessage(a);
  const gr =
    a.path !== undefined
      ? { group: "", resource: "" }
      : { group: a.apiGroup ?? "", resource: a.resource ?? "" };
  return newForbidden(gr, a.name ?? "", msg);
}
