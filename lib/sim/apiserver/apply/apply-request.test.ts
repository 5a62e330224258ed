import { describe, expect, it } from "vitest";
import type { SandboxState } from "../../state";
import { bareState } from "../handler/test-support";
import { bodyOf, runner, type TestRequest } from "../handler/test-run";
import type { KubeObject } from "../object";

const run = runner();
const PATH = "/apis/apps/v1/namespaces/default/deployments";

const deployment = (replicas: number, image = "nginx:1.25", labels = { app: "web" }) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", labels },
  spec: {
    replicas,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "nginx", image }] },
    },
  },
});

function apply(state: SandboxState, body: unknown, query: Record<string, string> = {}) {
  const req: TestRequest = {
    method: "PATCH",
    path: `${PATH}/web`,
    contentType: "application/apply-patch+yaml",
    query: { fieldManager: "kubectl", ...query },
    body,
  };
  return run(state, req);
}

describe("server-side apply", () => {
  it("creates a missing object (201) owned by the applier with FieldsV1", () => {
    const r = apply(bareState(), deployment(2));
    expect(r.response.code).toBe(201);
    const obj = bodyOf<KubeObject>(r);
    expect(obj.metadata.managedFields).toEqual([
      {
        manager: "kubectl",
        operation: "Apply",
        apiVersion: "apps/v1",
        time: "2026-01-05T09:00:00Z",
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": {
            "f:replicas": {},
            "f:selector": {},
            "f:template": {
              "f:metadata": { "f:labels": { "f:app": {} } },
              "f:spec": {
                "f:containers": {
                  'k:{"name":"nginx"}': { ".": {}, "f:image": {}, "f:name": {} },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it("re-applying the same configuration changes nothing; a change updates in place", () => {
    const first = apply(bareState(), deployment(2));
    const again = apply(first.state, deployment(2));
    expect(again.response.code).toBe(200);
    const rv = bodyOf<KubeObject>(first).metadata.resourceVersion;
    expect(bodyOf<KubeObject>(again).metadata.resourceVersion).toBe(rv);
    const changed = apply(again.state, deployment(3));
    const obj = bodyOf<KubeObject & { spec: { replicas: number } }>(changed);
    expect(obj.spec.replicas).toBe(3);
    expect(obj.metadata.resourceVersion).not.toBe(rv);
  });

  it("a field owned by an Update manager conflicts (409) unless forced", () => {
    const created = run(bareState(), {
      method: "POST",
      path: PATH,
      query: { fieldManager: "kubectl-create" },
      body: deployment(1),
    });
    expect(bodyOf<KubeObject>(created).metadata.managedFields?.[0]).toMatchObject({
      manager: "kubectl-create",
      operation: "Update",
      apiVersion: "apps/v1",
    });
    const clash = apply(created.state, deployment(3));
    expect(clash.response.code).toBe(409);
    expect(bodyOf(clash)).toMatchObject({
      reason: "Conflict",
      message:
        'Apply failed with 1 conflict: conflict with "kubectl-create" using apps/v1: .spec.replicas',
      details: {
        causes: [
          {
            type: "FieldManagerConflict",
            message: 'conflict with "kubectl-create" using apps/v1',
            field: ".spec.replicas",
          },
        ],
      },
    });
    const two = apply(created.state, deployment(3, "nginx:1.26"));
    expect(bodyOf<{ message: string }>(two).message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-create" using apps/v1:\n' +
        "- .spec.replicas\n" +
        '- .spec.template.spec.containers[name="nginx"].image',
    );
    // Same values are shared ownership, not a conflict.
    expect(apply(created.state, deployment(1)).response.code).toBe(200);
    const forced = apply(created.state, deployment(3), { force: "true" });
    expect(forced.response.code).toBe(200);
    const managers = bodyOf<KubeObject>(forced).metadata.managedFields ?? [];
    const creator = managers.find((m) => m.manager === "kubectl-create");
    expect(JSON.stringify(creator?.fieldsV1)).not.toContain("f:replicas");
  });

  it("kubectl scale (the scale subresource) owns .spec.replicas afterwards", () => {
    const created = apply(bareState(), deployment(1));
    const scaled = run(created.state, {
      method: "PATCH",
      path: `${PATH}/web/scale`,
      contentType: "application/merge-patch+json",
      userAgent: "kubectl/v1.28.15 (linux/amd64) kubernetes/8418565",
      body: { spec: { replicas: 4 } },
    });
    expect(scaled.response.code).toBe(200);
    const clash = apply(scaled.state, deployment(2));
    expect(bodyOf<{ message: string }>(clash).message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
    );
  });

  it("fields the applier stops applying are removed unless someone else owns them", () => {
    const first = apply(bareState(), deployment(2, "nginx", { app: "web", tier: "fe" } as never));
    const second = apply(first.state, deployment(2, "nginx"));
    const obj = bodyOf<KubeObject>(second);
    expect(obj.metadata.labels).toEqual({ app: "web" });
  });

  it("validates the patch options and the applied object", () => {
    const noManager = apply(bareState(), deployment(1), { fieldManager: "" });
    expect(bodyOf(noManager)).toMatchObject({
      code: 422,
      message:
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    });
    const wrongVersion = apply(bareState(), { ...deployment(1), apiVersion: "apps/v1beta1" });
    expect(bodyOf(wrongVersion)).toMatchObject({
      code: 400,
      message:
        "Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1",
    });
    const forceOnMerge = run(bareState(), {
      method: "PATCH",
      path: `${PATH}/web`,
      contentType: "application/merge-patch+json",
      query: { force: "true" },
      body: {},
    });
    expect(bodyOf<{ message: string }>(forceOnMerge).message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    );
  });

  it("an ordinary update records its manager from the User-Agent", () => {
    const created = apply(bareState(), deployment(1));
    const scaled = run(created.state, {
      method: "PATCH",
      path: `${PATH}/web`,
      contentType: "application/merge-patch+json",
      userAgent: "kubectl/v1.32.0 (linux/amd64) kubernetes/abc",
      body: { spec: { replicas: 5 } },
    });
    const managers = bodyOf<KubeObject>(scaled).metadata.managedFields ?? [];
    expect(managers.map((m) => [m.manager, m.operation])).toEqual([
      ["kubectl", "Apply"],
      ["kubectl", "Update"],
    ]);
    expect(managers[1]?.fieldsV1).toEqual({ "f:spec": { "f:replicas": {} } });
    expect(JSON.stringify(managers[0]?.fieldsV1)).not.toContain("f:replicas");
  });

  it("a write through the scale subresource records its manager under subresource scale", () => {
    const created = apply(bareState(), deployment(1));
    const scaled = run(created.state, {
      method: "PATCH",
      path: `${PATH}/web/scale`,
      contentType: "application/merge-patch+json",
      userAgent: "kubectl/v1.32.0 (linux/amd64) kubernetes/abc",
      body: { spec: { replicas: 4 } },
    });
    expect(scaled.response.code).toBe(200);
    const got = run(scaled.state, { method: "GET", path: `${PATH}/web` });
    const managers = bodyOf<KubeObject>(got).metadata.managedFields ?? [];
    const scale = managers.find((m) => m.subresource === "scale");
    expect(scale).toMatchObject({ manager: "kubectl", operation: "Update", apiVersion: "apps/v1" });
    expect(scale?.fieldsV1).toEqual({ "f:spec": { "f:replicas": {} } });
    expect(JSON.stringify(managers.find((m) => m.operation === "Apply")?.fieldsV1)).not.toContain(
      "f:replicas",
    );
  });
});
