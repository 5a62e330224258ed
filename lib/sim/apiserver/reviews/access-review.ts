// SelfSubjectAccessReview (`kubectl auth can-i`) and SubjectAccessReview: the
// sandbox's own authorizer answers for the given user, as kube-apiserver does.
// Reviews are never stored.

import { newInvalid } from "../errors";
import type { RequestContext } from "../handler/context";
import type { UserInfo } from "../handler/types";
import { fieldErrors } from "../validation/field-error";

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
  user?: string;
  groups?: string[];
  uid?: string;
}

const GROUP = "authorization.k8s.io";

function specOf(body: unknown): ReviewSpec {
  const spec = (body as { spec?: unknown } | undefined)?.spec;
  return spec && typeof spec === "object" ? (spec as ReviewSpec) : {};
}

/** ValidateSelfSubjectAccessReviewSpec: exactly one kind of attributes. */
function validate(kind: string, spec: ReviewSpec): void {
  const ra = spec.resourceAttributes;
  const na = spec.nonResourceAttributes;
  if (ra && na) {
    throw newInvalid({ group: GROUP, kind }, "", [
      fieldErrors.invalid(
        "spec.nonResourceAttributes",
        na,
        "cannot be specified in combination with resourceAttributes",
      ),
    ]);
  }
  if (!ra && !na) {
    throw newInvalid({ group: GROUP, kind }, "", [
      fieldErrors.invalid(
        "spec.resourceAttributes",
        "null",
        "exactly one of nonResourceAttributes or resourceAttributes must be specified",
      ),
    ]);
  }
}

function decide(ctx: RequestContext, user: UserInfo, spec: ReviewSpec) {
  const ra = spec.resourceAttributes;
  const na = spec.nonResourceAttributes;
  return ctx.plugins.authorize(
    ra
      ? {
          user,
          verb: ra.verb ?? "",
          apiGroup: ra.group ?? "",
          resource: ra.resource ?? "",
          subresource: ra.subresource ?? "",
          namespace: ra.namespace ?? "",
          name: ra.name ?? "",
          resourceRequest: true,
        }
      : {
          user,
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
}

function answer(kind: string, spec: ReviewSpec, decision: { allowed: boolean; reason: string }) {
  return {
    kind,
    apiVersion: `${GROUP}/v1`,
    metadata: { creationTimestamp: null },
    spec,
    status: { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) },
  };
}

/** The caller asks about itself. */
export function selfSubjectAccessReview(
  ctx: RequestContext,
  user: UserInfo,
  body: unknown,
): unknown {
  const spec = specOf(body);
  validate("SelfSubjectAccessReview", spec);
  return answer("SelfSubjectAccessReview", spec, decide(ctx, user, spec));
}

/** An authorized caller asks about spec.user / spec.groups (webhooks, admins). */
export function subjectAccessReview(ctx: RequestContext, body: unknown): unknown {
  const spec = specOf(body);
  validate("SubjectAccessReview", spec);
  if (!spec.user && !(spec.groups ?? []).length) {
    throw newInvalid({ group: GROUP, kind: "SubjectAccessReview" }, "", [
      fieldErrors.invalid("spec.user", "", "at least one of user or group must be specified"),
    ]);
  }
  const user: UserInfo = {
    username: spec.user ?? "",
    groups: spec.groups ?? [],
    ...(spec.uid ? { uid: spec.uid } : {}),
  };
  return answer("SubjectAccessReview", spec, decide(ctx, user, spec));
}
