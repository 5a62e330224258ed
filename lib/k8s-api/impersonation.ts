// Impersonation (`kubectl --as=… --as-group=…`): the Impersonate-User/-Group/-Uid
// headers make the request run as another identity, once the caller's own
// authorization allows the `impersonate` verb on users / groups / serviceaccounts
// / uids - the order and texts of kube-apiserver's impersonation filter.

import type { SandboxState, UserInfo } from "@/lib/sim";
import { newBadRequest, type ApiError } from "@/lib/sim/apiserver/errors";
import { RequestContext } from "@/lib/sim/apiserver/handler/context";
import { defaultPlugins } from "@/lib/sim/apiserver/handler/default-plugins";
import { forbidden } from "@/lib/sim/apiserver/handler/forbidden";
import type { AuthorizationAttributes } from "@/lib/sim/apiserver/handler/plugins";

const AUTHENTICATED = "system:authenticated";
const UNAUTHENTICATED = "system:unauthenticated";
const SA_PREFIX = "system:serviceaccount:";

export function wantsImpersonation(headers: Headers): boolean {
  return (
    headers.has("impersonate-user") ||
    headers.has("impersonate-group") ||
    headers.has("impersonate-uid")
  );
}

/** The identity the request runs as, or the Status error (400/403) that refuses it. */
export function impersonate(
  headers: Headers,
  caller: UserInfo,
  state: SandboxState,
): UserInfo | ApiError {
  const username = headers.get("impersonate-user") ?? "";
  const groups = (headers.get("impersonate-group") ?? "")
    .split(",")
    .map((g) => g.trim())
    .filter(Boolean);
  const uid = headers.get("impersonate-uid") ?? "";
  if (!username) {
    return newBadRequest(
      `requested [${[...groups.map((g) => `{Group  ${g}    }`), ...(uid ? [`{UID  ${uid}    }`] : [])].join(" ")}] without impersonating a user`,
    );
  }
  const lookup = new RequestContext(state, state.time, defaultPlugins).lookup;
  const check = (resource: string, name: string, namespace = ""): ApiError | undefined => {
    const attrs: AuthorizationAttributes = {
      user: caller,
      verb: "impersonate",
      apiGroup: resource === "uids" ? "authentication.k8s.io" : "",
      resource,
      subresource: "",
      namespace,
      name,
      resourceRequest: true,
    };
    const decision = defaultPlugins.authorize(attrs, lookup);
    return decision.allowed ? undefined : forbidden(attrs, decision.reason);
  };
  const outGroups: string[] = [];
  if (username.startsWith(SA_PREFIX)) {
    const [namespace = "", name = ""] = username.slice(SA_PREFIX.length).split(":");
    const denied = check("serviceaccounts", name, namespace);
    if (denied) return denied;
    outGroups.push("system:serviceaccounts", `system:serviceaccounts:${namespace}`);
  } else {
    const denied = check("users", username);
    if (denied) return denied;
  }
  for (const g of groups) {
    const denied = check("groups", g);
    if (denied) return denied;
    outGroups.push(g);
  }
  if (uid) {
    const denied = check("uids", uid);
    if (denied) return denied;
  }
  if (
    username !== "system:anonymous" &&
    !outGroups.includes(AUTHENTICATED) &&
    !outGroups.includes(UNAUTHENTICATED)
  ) {
    outGroups.push(AUTHENTICATED);
  }
  return { username, groups: outGroups, ...(uid ? { uid } : {}) };
}
