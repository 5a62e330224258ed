import { describe, expect, it } from "vitest";
import { builtinRegistry } from "@/lib/sim/apiserver/resources/registry";
import { aggregatedDiscovery, legacyDiscovery } from "./discovery";

type ResourceList = {
  kind: string;
  groupVersion: string;
  resources: {
    name: string;
    kind: string;
    verbs: string[];
    shortNames?: string[];
    group?: string;
  }[];
};

describe("discovery", () => {
  it("/api/v1 lists pods with their short names and subresources", () => {
    const doc = legacyDiscovery(builtinRegistry, "/api/v1") as ResourceList;
    expect(doc.kind).toBe("APIResourceList");
    const pods = doc.resources.find((r) => r.name === "pods");
    expect(pods?.shortNames).toEqual(["po"]);
    expect(pods?.verbs).toContain("watch");
    expect(doc.resources.some((r) => r.name === "pods/log")).toBe(true);
  });

  it("/apis lists groups with a preferred version; /apis/apps/v1 its resources", () => {
    const groups = legacyDiscovery(builtinRegistry, "/apis") as {
      groups: { name: string; preferredVersion: { groupVersion: string } }[];
    };
    const apps = groups.groups.find((g) => g.name === "apps");
    expect(apps?.preferredVersion.groupVersion).toBe("apps/v1");
    expect(groups.groups.some((g) => g.name === "")).toBe(false);
    const list = legacyDiscovery(builtinRegistry, "/apis/apps/v1") as ResourceList;
    const scale = list.resources.find((r) => r.name === "deployments/scale");
    expect(scale?.group).toBe("autoscaling");
    expect(legacyDiscovery(builtinRegistry, "/apis/nope/v1")).toBeUndefined();
  });

  it("aggregated discovery covers the same resources", () => {
    const agg = aggregatedDiscovery(builtinRegistry, "/apis", "v2") as {
      apiVersion: string;
      items: {
        metadata: { name: string };
        versions: { version: string; resources: { resource: string; scope: string }[] }[];
      }[];
    };
    expect(agg.apiVersion).toBe("apidiscovery.k8s.io/v2");
    const apps = agg.items.find((i) => i.metadata.name === "apps");
    expect(apps?.versions[0]?.resources.find((r) => r.resource === "deployments")?.scope).toBe(
      "Namespaced",
    );
  });

  it("metrics.k8s.io/v1beta1 is the last group, nodes and pods with get and list", () => {
    const groups = legacyDiscovery(builtinRegistry, "/apis") as { groups: { name: string }[] };
    expect(groups.groups.at(-1)?.name).toBe("metrics.k8s.io");
    const list = legacyDiscovery(builtinRegistry, "/apis/metrics.k8s.io/v1beta1") as ResourceList;
    expect(list.resources.map((r) => [r.name, r.kind, r.verbs])).toEqual([
      ["nodes", "NodeMetrics", ["get", "list"]],
      ["pods", "PodMetrics", ["get", "list"]],
    ]);
    const agg = aggregatedDiscovery(builtinRegistry, "/apis", "v2beta1") as {
      items: { metadata: { name: string }; versions: { version: string }[] }[];
    };
    expect(agg.items.at(-1)?.metadata.name).toBe("metrics.k8s.io");
    expect(agg.items.at(-1)?.versions.map((v) => v.version)).toEqual(["v1beta1"]);
  });
});
