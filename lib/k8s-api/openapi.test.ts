import { describe, expect, it } from "vitest";
import { builtinRegistry } from "@/lib/sim/apiserver/resources/registry";
import { openApiDocument, openApiRoot } from "./openapi";

type Op = {
  parameters?: { name: string }[];
  "x-kubernetes-group-version-kind"?: { kind: string };
  requestBody?: { content: Record<string, unknown> };
};

describe("openapi v3", () => {
  it("the root points at each group-version under the sandbox prefix", () => {
    const root = openApiRoot(builtinRegistry, "/api/k8s/abc") as {
      paths: Record<string, { serverRelativeURL: string }>;
    };
    expect(root.paths["apis/apps/v1"]?.serverRelativeURL).toMatch(
      /^\/api\/k8s\/abc\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]+$/,
    );
    expect(root.paths["api/v1"]).toBeDefined();
  });

  it("PATCH of deployments carries the GVK and fieldValidation, no strategic merge body", () => {
    const doc = openApiDocument(builtinRegistry, "apis/apps/v1") as {
      paths: Record<string, Record<string, Op>>;
      components: { schemas: Record<string, unknown> };
    };
    const patch = doc.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]?.patch;
    expect(patch?.["x-kubernetes-group-version-kind"]?.kind).toBe("Deployment");
    expect(patch?.parameters?.map((p) => p.name)).toContain("fieldValidation");
    expect(Object.keys(patch?.requestBody?.content ?? {})).not.toContain(
      "application/strategic-merge-patch+json",
    );
    expect(doc.components.schemas["io.k8s.api.apps.v1.Deployment"]).toBeDefined();
    expect(openApiDocument(builtinRegistry, "apis/nope/v1")).toBeUndefined();
  });

  it("batch/v1 documents cronjobs and the kind's description", () => {
    const doc = openApiDocument(builtinRegistry, "apis/batch/v1") as {
      paths: Record<string, Record<string, Op>>;
      components: { schemas: Record<string, { description?: string }> };
    };
    const base = "/apis/batch/v1/namespaces/{namespace}/cronjobs";
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([base, `${base}/{name}`]));
    expect(doc.paths[`${base}/{name}`]?.patch?.["x-kubernetes-group-version-kind"]?.kind).toBe(
      "CronJob",
    );
    expect(doc.components.schemas["io.k8s.api.batch.v1.CronJob"]?.description).toBe(
      "CronJob represents the configuration of a single cron job.",
    );
  });

  it("metrics.k8s.io documents get and list only, under metrics-server's schema names", () => {
    const doc = openApiDocument(builtinRegistry, "apis/metrics.k8s.io/v1beta1") as {
      paths: Record<string, Record<string, Op>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/apis/metrics.k8s.io/v1beta1/namespaces/{namespace}/pods",
      "/apis/metrics.k8s.io/v1beta1/namespaces/{namespace}/pods/{name}",
      "/apis/metrics.k8s.io/v1beta1/nodes",
      "/apis/metrics.k8s.io/v1beta1/nodes/{name}",
    ]);
    for (const ops of Object.values(doc.paths)) expect(Object.keys(ops)).toEqual(["get"]);
    expect(
      doc.components.schemas["io.k8s.metrics.pkg.apis.metrics.v1beta1.PodMetrics"],
    ).toBeDefined();
  });
});
