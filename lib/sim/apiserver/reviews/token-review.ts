// TokenReview (authentication.k8s.io/v1) and SelfSubjectReview (`kubectl auth
// whoami`): who a bearer token is, or who the caller is. A kubeadm API server
// has --api-audiences=https://kubernetes.default.svc.cluster.local; tokens that
// are not audience-bound report that audience back.

import { newBadRequest } from "../errors";
import { AUTHENTICATED_GROUP } from "../authn/authenticate";
import type { UserInfo } from "../handler/types";

export const API_AUDIENCE = "https://kubernetes.default.svc.cluster.local";

interface TokenReviewSpec {
  token?: string;
  audiences?: string[];
}

export function tokenReview(body: unknown, tokens: Readonly<Record<string, UserInfo>>): unknown {
  const spec = ((body as { spec?: TokenReviewSpec } | undefined)?.spec ?? {}) as TokenReviewSpec;
  if (!spec.token) throw newBadRequest("token is required for TokenReview in authentication");
  const user = Object.prototype.hasOwnProperty.call(tokens, spec.token)
    ? tokens[spec.token]
    : undefined;
  const audiences = spec.audiences?.length ? spec.audiences : [API_AUDIENCE];
  const status = user
    ? {
        authenticated: true,
        user: {
          username: user.username,
          ...(user.uid ? { uid: user.uid } : {}),
          groups: user.groups.includes(AUTHENTICATED_GROUP)
            ? user.groups
            : [...user.groups, AUTHENTICATED_GROUP],
          ...(user.extra ? { extra: user.extra } : {}),
        },
        audiences,
      }
    : { user: {} };
  return {
    kind: "TokenReview",
    apiVersion: "authentication.k8s.io/v1",
    metadata: { creationTimestamp: null },
    spec,
    status,
  };
}

export function selfSubjectReview(user: UserInfo): unknown {
  return {
    kind: "SelfSubjectReview",
    apiVersion: "authentication.k8s.io/v1",
    metadata: { creationTimestamp: null },
    status: {
      userInfo: {
        username: user.username,
        ...(user.uid ? { uid: user.uid } : {}),
        groups: user.groups,
        ...(user.extra ? { extra: user.extra } : {}),
      },
    },
  };
}
