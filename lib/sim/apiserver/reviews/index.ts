// The create-only review resources: answered from the sandbox's authenticator
// and authorizer, never stored (no etcd key, so no store write either).

import type { RequestContext } from "../handler/context";
import type { ApiRequest, UserInfo } from "../handler/types";
import { selfSubjectAccessReview, subjectAccessReview } from "./access-review";
import { selfSubjectRulesReview } from "./rules-review";
import { selfSubjectReview, tokenReview } from "./token-review";

type Review = (ctx: RequestContext, user: UserInfo, req: ApiRequest) => unknown;

const REVIEWS: Record<string, Review> = {
  "authorization.k8s.io/selfsubjectaccessreviews": (ctx, user, req) =>
    selfSubjectAccessReview(ctx, user, req.body),
  "authorization.k8s.io/subjectaccessreviews": (ctx, _user, req) =>
    subjectAccessReview(ctx, req.body),
  "authorization.k8s.io/selfsubjectrulesreviews": (ctx, user, req) =>
    selfSubjectRulesReview(ctx, user, req.body),
  "authentication.k8s.io/tokenreviews": (ctx, _user, req) =>
    tokenReview(req.body, { ...ctx.base.tokens, ...(req.reviewTokens ?? {}) }),
  "authentication.k8s.io/selfsubjectreviews": (_ctx, user) => selfSubjectReview(user),
};

/** The review for a group/resource, or undefined when it is not a review resource. */
export function reviewFor(group: string, resource: string): Review | undefined {
  return REVIEWS[`${group}/${resource}`];
}
