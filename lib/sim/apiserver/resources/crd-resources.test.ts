import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { etcdKey } from "./resource-info";
import { builtinRegistry } from "./registry";
import { compareKubeVersions } from "./version-priority";

const crontabs: KubeObject = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "crontabs.stable.example.com" },
  spec: {
    group: "stable.example.com",
    scope: "Namespaced",
    names: {
      plural: "crontabs",
      singular: "crontab",
      kind: "CronTab",
      shortNames: ["ct"],
      categories: ["all"],
    },
    versions: [
      { name: "v1beta1", served: true, storage: false },
      { name: "v1", served: true, storage: true, subresources: { status: {} } },
      { name: "v2alpha1", served: false, storage: false },
    ],
  },
};

describe("custom resources from CRDs", () => {
  const reg = builtinRegistry.withCustomResources([crontabs]);

  it("are found by a registry built with the CRD after the built-in one missed them (lookups are kept per registry)", () => {
    // The built-in registry asked first keeps its misses; the CRD's registry is a new one.
    expect(builtinRegistry.byResource("stable.example.com", "v1", "crontabs")).toBeUndefined();
    expect(builtinRegistry.preferred("stable.example.com", "crontabs")).toBeUndefined();
    expect(builtinRegistry.byApiVersionKind("stable.example.com/v1", "CronTab")).toBeUndefined();
    const withCrd = builtinRegistry.withCustomResources([crontabs]);
    expect(withCrd.byResource("stable.example.com", "v1", "crontabs")?.resource).toBe("crontabs");
    expect(withCrd.preferred("stable.example.com", "crontabs")?.version).toBe("v1");
    expect(withCrd.byApiVersionKind("stable.example.com/v1", "CronTab")?.kind).toBe("CronTab");
    // Asked again, the same answers (the kept ones), and the built-in registry still misses.
    expect(withCrd.preferred("stable.example.com", "crontabs")).toBe(
      withCrd.byResource("stable.example.com", "v1", "crontabs"),
    );
    expect(builtinRegistry.preferred("stable.example.com", "crontabs")).toBeUndefined();
  });

  it("serves every served version, preferred first, stored under /registry/<group>/<plural>/", () => {
    const v1 = reg.byApiVersionKind("stable.example.com/v1", "CronTab");
    expect(v1).toMatchObject({ resource: "crontabs", namespaced: true, custom: true });
    expect(v1 && etcdKey(v1, "default", "my-tab")).toBe(
      "/registry/stable.example.com/crontabs/default/my-tab",
    );
    expect(v1?.subresources.map((s) => s.name)).toEqual(["status"]);
    expect(v1?.storageGroupVersion).toEqual({ group: "stable.example.com", version: "v1" });
    expect(reg.byApiVersionKind("stable.example.com/v1beta1", "CronTab")).toBeDefined();
    expect(reg.byApiVersionKind("stable.example.com/v2alpha1", "CronTab")).toBeUndefined();
    expect(reg.preferred("stable.example.com", "crontabs")?.version).toBe("v1");
    expect(reg.groups().find((g) => g.group === "stable.example.com")?.versions).toEqual([
      "v1",
      "v1beta1",
    ]);
  });

  it("resolves CRD names and joins categories", () => {
    expect(reg.resolve("ct")?.kind).toBe("CronTab");
    expect(reg.resolve("crontab")?.version).toBe("v1");
    expect(reg.inCategory("all").map((r) => r.resource)).toContain("crontabs");
    // the base registry is unchanged
    expect(builtinRegistry.resolve("ct")).toBeUndefined();
  });

  it("cannot shadow built-ins and ignores incomplete CRDs", () => {
    const shadow: KubeObject = {
      ...crontabs,
      spec: {
        group: "apps",
        names: { plural: "deployments", kind: "Fake" },
        versions: [{ name: "v1", served: true, storage: true }],
      },
    };
    const broken: KubeObject = { ...crontabs, spec: { group: "x.io" } };
    const r2 = builtinRegistry.withCustomResources([shadow, broken]);
    expect(r2.byResource("apps", "v1", "deployments")?.kind).toBe("Deployment");
    expect(r2.all().length).toBe(builtinRegistry.all().length);
  });

  it("orders versions kube-aware", () => {
    expect(["v1alpha1", "v2", "foo", "v1", "v1beta2", "v1beta1"].sort(compareKubeVersions)).toEqual(
      ["v2", "v1", "v1beta2", "v1beta1", "v1alpha1", "foo"],
    );
  });
});
