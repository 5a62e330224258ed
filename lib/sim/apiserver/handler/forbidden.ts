// The 403 text the authorization filter writes (endpoints/handlers/responsewriters).

import { newForbidden } from "../errors";
import type { AuthorizationAttributes } from "./plugins";

export function forbiddenMessage(a: AuthorizationAttributes): string {
  const user = a.user.username;
  if (!a.resourceRequest) return `User "${user}" cannot ${a.verb} path "${a.path ?? ""}"`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  if (a.namespace) {
    return `User "${user}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup}" in the namespace "${a.namespace}"`;
  }
  return `User "${user}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup}" at the cluster scope`;
}

export function forbidden(a: AuthorizationAttributes, reason: string) {
  const msg = forbiddenMessage(a);
  const text = reason ? `${msg}: ${reason}` : msg;
  const gr = a.resourceRequest
    ? { group: a.apiGroup, resource: a.resource }
    : { group: "", resource: "" };
  return newForbidden(gr, a.resourceRequest ? a.name : "", text);
}
