import { describe, expect, it } from "vitest";
import { bodyOf, runner } from "../handler/test-run";
import { bareState } from "../handler/test-support";

const run = runner();
const PATH = "/apis/authentication.k8s.io/v1/tokenreviews";

describe("TokenReview and SelfSubjectReview", () => {
  it("reports who a known token is, with the API server's audience", () => {
    const r = run(bareState(), {
      method: "POST",
      path: PATH,
      body: { spec: { token: "admin-token" } },
    });
    expect(r.response.code).toBe(201);
    expect(bodyOf(r)).toMatchObject({
      kind: "TokenReview",
      status: {
        authenticated: true,
        user: { username: "kubernetes-admin", groups: ["system:masters", "system:authenticated"] },
        audiences: ["https://kubernetes.default.svc.cluster.local"],
      },
    });
  });

  it("an unknown token is not authenticated; an empty one is a 400", () => {
    const unknown = run(bareState(), {
      method: "POST",
      path: PATH,
      body: { spec: { token: "x" } },
    });
    expect(bodyOf(unknown)).toMatchObject({ status: { user: {} } });
    expect(bodyOf<{ status: Record<string, unknown> }>(unknown).status.authenticated).toBe(
      undefined,
    );
    const empty = run(bareState(), { method: "POST", path: PATH, body: { spec: {} } });
    expect(bodyOf(empty)).toMatchObject({
      code: 400,
      message: "token is required for TokenReview in authentication",
    });
  });

  it("tokens the app holds (kubeconfig downloads) are reviewed too", () => {
    const r = run(bareState(), {
      method: "POST",
      path: PATH,
      body: { spec: { token: "app-token" } },
      reviewTokens: { "app-token": { username: "learner", groups: ["system:masters"] } },
    });
    expect(bodyOf(r)).toMatchObject({
      status: { authenticated: true, user: { username: "learner" } },
    });
  });

  it("SelfSubjectReview (kubectl auth whoami) echoes the caller", () => {
    const r = run(bareState(), {
      method: "POST",
      path: "/apis/authentication.k8s.io/v1/selfsubjectreviews",
      body: {},
    });
    expect(bodyOf(r)).toMatchObject({
      kind: "SelfSubjectReview",
      status: { userInfo: { username: "kubernetes-admin" } },
    });
  });
});
