import { describe, expect, it } from "vitest";
import { get } from "../../store/store";
import { bareState } from "./test-support";
import { bodyOf, runner } from "./test-run";

const run = runner();

const crd = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "crontabs.stable.example.com" },
  spec: {
    group: "stable.example.com",
    scope: "Namespaced",
    names: { plural: "crontabs", singular: "crontab", kind: "CronTab", shortNames: ["ct"] },
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: {
                type: "object",
                properties: { cronSpec: { type: "string" }, replicas: { type: "integer" } },
              },
            },
          },
        },
      },
    ],
  },
};

describe("custom resources", () => {
  it("serves a CRD's resource once the CRD exists, stored under /registry/<group>/<plural>/", () => {
    const path = "/apis/stable.example.com/v1/namespaces/default/crontabs";
    const cr = {
      apiVersion: "stable.example.com/v1",
      kind: "CronTab",
      metadata: { name: "every-5" },
      spec: { cronSpec: "*/5 * * * *" },
    };
    expect(run(bareState(), { method: "POST", path, body: cr }).response.code).toBe(404);
    const s = run(bareState(), {
      method: "POST",
      path: "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
      body: crd,
    });
    expect(s.response.code).toBe(201);
    const created = run(s.state, { method: "POST", path, body: cr });
    expect(created.response.code).toBe(201);
    expect(bodyOf(created)).toMatchObject({ metadata: { generation: 1, namespace: "default" } });
    expect(
      get(created.state.store, "/registry/stable.example.com/crontabs/default/every-5"),
    ).toBeDefined();
    // custom lists keep apiVersion/kind on their items
    const list = run(created.state, { method: "GET", path });
    expect(bodyOf(list)).toMatchObject({
      kind: "CronTabList",
      items: [{ apiVersion: "stable.example.com/v1", kind: "CronTab" }],
    });
  });
});
