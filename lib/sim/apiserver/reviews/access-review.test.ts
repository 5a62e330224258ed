import { describe, expect, it } from "vitest";
import { defaultPlugins } from "../handler/default-plugins";
import { bodyOf, runner } from "../handler/test-run";
import { ADMIN, bareState } from "../handler/test-support";

const run = runner(defaultPlugins);
const PATH = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
const ALICE = { username: "alice", groups: [] };

describe("SelfSubjectAccessReview", () => {
  it("answers for the caller from RBAC, through the pipeline (201, audited)", () => {
    const review = (verb: string) => ({
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      spec: { resourceAttributes: { namespace: "default", verb, resource: "pods" } },
    });
    const admin = run(bareState(), { method: "POST", path: PATH, body: review("create") });
    expect(admin.response.code).toBe(201);
    expect(bodyOf(admin)).toMatchObject({ status: { allowed: true } });
    expect(admin.audit).toMatchObject({
      verb: "create",
      objectRef: { resource: "selfsubjectaccessreviews", apiGroup: "authorization.k8s.io" },
    });
    // No store write: the revision does not move.
    expect(admin.changes.appended).toEqual([]);
    // alice has no bindings at all in a bare sandbox, not even to create reviews.
    const alice = run(bareState(), {
      method: "POST",
      path: PATH,
      body: review("get"),
      user: ALICE,
    });
    expect(alice.response.code).toBe(403);
  });

  it("rejects a spec without attributes as kube-apiserver validation does", () => {
    const r = run(bareState(), { method: "POST", path: PATH, body: { spec: {} }, user: ADMIN });
    expect(bodyOf(r)).toMatchObject({
      code: 422,
      message:
        'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    });
  });
});
