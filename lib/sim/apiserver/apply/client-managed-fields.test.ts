// Client-supplied metadata.managedFields, as kube-apiserver 1.28's decodeLiveOrNew
// treats them: an update or patch that sets them replaces them, `[{}]` resets them,
// an empty list or undecodable entries keep the live ones, subresources and
// applies cannot set them.

import { describe, expect, it } from "vitest";
import { bareState } from "../handler/test-support";
import { bodyOf, runner } from "../handler/test-run";
import type { KubeObject, ManagedFieldsEntry } from "../object";

const run = runner();
const PATH = "/apis/apps/v1/namespaces/default/deployments";

function deployment() {
  const r = run(bareState("client-managed"), {
    method: "POST",
    path: PATH,
    query: "fieldManager=kubectl-create",
    body: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", labels: { app: "web" } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "nginx", image: "nginx" }] },
        },
      },
    },
  });
  expect(r.response.code).toBe(201);
  return { state: r.state, obj: bodyOf<KubeObject>(r) };
}

function patch(body: unknown, query = "fieldManager=kubectl-patch", path = `${PATH}/web`) {
  const { state } = deployment();
  const r = run(state, {
    method: "PATCH",
    path,
    query,
    contentType: "application/merge-patch+json",
    body,
  });
  return { code: r.response.code, body: bodyOf<KubeObject & { message?: string }>(r) };
}

const managers = (o: KubeObject) => (o.metadata.managedFields ?? []).map((m) => m.manager);

const OWN: ManagedFieldsEntry = {
  manager: "hand-written",
  operation: "Update",
  apiVersion: "apps/v1",
  time: "2026-01-01T00:00:00Z",
  fieldsType: "FieldsV1",
  fieldsV1: { "f:metadata": { "f:labels": { "f:app": {} } } },
};

describe("client-supplied managedFields", () => {
  it("an update that sets them replaces them; its own changes are still recorded", () => {
    const { state, obj } = deployment();
    const r = run(state, {
      method: "PUT",
      path: `${PATH}/web`,
      query: "fieldManager=kubectl-replace",
      body: {
        ...obj,
        metadata: { ...obj.metadata, managedFields: [OWN] },
        spec: { ...(obj.spec as object), replicas: 3 },
      },
    });
    expect(r.response.code).toBe(200);
    const out = bodyOf<KubeObject>(r).metadata.managedFields;
    expect(out).toEqual([
      OWN,
      expect.objectContaining({
        manager: "kubectl-replace",
        fieldsV1: { "f:spec": { "f:replicas": {} } },
      }),
    ]);
  });

  it("[{}] resets them: nothing changed, so no entry is left", () => {
    const r = patch({ metadata: { managedFields: [{}] } });
    expect(r.code).toBe(200);
    expect(r.body.metadata.managedFields).toBeUndefined();
  });

  it("an empty list, or entries the decoder refuses, keep the live ones", () => {
    expect(managers(patch({ metadata: { managedFields: [] } }).body)).toEqual(["kubectl-create"]);
    for (const bad of [
      { ...OWN, operation: "Bogus" },
      { ...OWN, apiVersion: "" },
      { ...OWN, fieldsType: "FieldsV2" },
      { manager: "x", operation: "Update", apiVersion: "apps/v1" },
      { ...OWN, fieldsV1: { "x:nope": {} } },
      { ...OWN, fieldsV1: { "k:not-json": {} } },
    ]) {
      const r = patch({ metadata: { managedFields: [bad] } });
      expect(r.code).toBe(200);
      expect(managers(r.body)).toEqual(["kubectl-create"]);
    }
  });

  it("the status subresource and server-side apply cannot set them", () => {
    const status = patch(
      { metadata: { managedFields: [OWN] }, status: { replicas: 0 } },
      "fieldManager=tester",
      `${PATH}/web/status`,
    );
    expect(status.code).toBe(200);
    expect(managers(status.body)).not.toContain("hand-written");
    const { state } = deployment();
    const apply = run(state, {
      method: "PATCH",
      path: `${PATH}/web`,
      query: "fieldManager=kubectl",
      contentType: "application/apply-patch+yaml",
      body: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", managedFields: [OWN] },
      },
    });
    expect([apply.response.code, bodyOf<{ message: string }>(apply).message]).toEqual([
      400,
      "metadata.managedFields must be nil",
    ]);
  });
});
