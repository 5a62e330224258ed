// authorization.k8s.io SelfSubjectAccessReview (`kubectl auth can-i`): the
// sandbox's own authorizer (RBAC) answers for the calling user, as kube-apiserver
// does. Served here because reviews are never stored, so they need no store write.

import type { SandboxState, UserInfo } from "@/lib/sim";
import { AUTHENTICATED_GROUP } from "@/lib/sim/apiserver/authn/authenticate";
import { newBadRequest } from "@/lib/sim/apiserver/errors";
import { RequestContext } from "@/lib/sim/apiserver/handler/context";
import { defaultPlugins } from "@/lib/sim/apiserver/handler/default-plugins";

interface ReviewSpec {
  resourceAttributes?: {
    namespace?: string;
    verb?: string;
    group?: string;
    version?: string;
    resource?: string;
    subresource?: string;
    name?: string;
  };
  nonResourceAttributes?: { path?: string; verb?: string };
}

export const REVIEW_PATH = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

export function selfSubjectAccessReview(
  state: SandboxState,
  user: UserInfo,
  body: unknown,
): unknown {
  const spec = ((body as { spec?: ReviewSpec } | undefined)?.spec ?? {}) as ReviewSpec;
  const ra = spec.resourceAttributes;
  const na = spec.nonResourceAttributes;
  if (!ra && !na)
    throw newBadRequest(
      "spec.resourceAttributes: Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified",
    );
  const ctx = new RequestContext(state, state.time, defaultPlugins);
  const who = user.groups.includes(AUTHENTICATED_GROUP)
    ? user
    : { ...user, groups: [...user.groups, AUTHENTICATED_GROUP] };
  const decision = defaultPlugins.authorize(
    ra
      ? {
          user: who,
          verb: ra.verb ?? "",
          apiGroup: ra.group ?? "",
          resource: ra.resource ?? "",
          subresource: ra.subresource ?? "",
          namespace: ra.namespace ?? "",
          name: ra.name ?? "",
          resourceRequest: true,
        }
      : {
          user: who,
          verb: na?.verb ?? "",
          apiGroup: "",
          resource: "",
          subresource: "",
          namespace: "",
          name: "",
          path: na?.path ?? "",
          resourceRequest: false,
        },
    ctx.lookup,
  );
  return {
    kind: "SelfSubjectAccessReview",
    apiVersion: "authorization.k8s.io/v1",
    metadata: { creationTimestamp: null },
    spec,
    status: { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) },
  };
}
