// Discovery documents from the sandbox's resource registry (built-ins plus its
// CRDs): legacy (/api, /api/v1, /apis, /apis/<g>, /apis/<g>/<v>) and aggregated
// (apidiscovery.k8s.io v2beta1 as 1.28 serves it, and v2 for newer clients).

import type { ResourceRegistry } from "@/lib/sim/apiserver/resources/registry";
import type { ResourceInfo } from "@/lib/sim/apiserver/resources/resource-info";

const SERVER_ADDRESS = "192.168.56.10:6443";

const gv = (group: string, version: string) => (group ? `${group}/${version}` : version);

function apiResources(reg: ResourceRegistry, group: string, version: string): unknown[] {
  const out: unknown[] = [];
  for (const r of reg.inGroupVersion(group, version)) {
    out.push({
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: [...r.verbs],
      ...(r.shortNames.length ? { shortNames: [...r.shortNames] } : {}),
      ...(r.categories.length ? { categories: [...r.categories] } : {}),
    });
    for (const s of r.subresources) {
      out.push({
        name: `${r.resource}/${s.name}`,
        singularName: "",
        namespaced: r.namespaced,
        ...(s.group !== undefined ? { group: s.group } : {}),
        ...(s.version !== undefined ? { version: s.version } : {}),
        kind: s.kind,
        verbs: [...s.verbs],
      });
    }
  }
  return out;
}

function groupEntry(group: string, versions: string[]) {
  const list = versions.map((v) => ({ groupVersion: gv(group, v), version: v }));
  return { name: group, versions: list, preferredVersion: list[0] };
}

/** The legacy discovery document for `path`, or undefined when the path is not discovery. */
export function legacyDiscovery(reg: ResourceRegistry, path: string): unknown | undefined {
  const parts = path.split("/").filter(Boolean);
  const groups = reg.groups();
  if (path === "/api") {
    return {
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: SERVER_ADDRESS }],
    };
  }
  if (parts.length === 2 && parts[0] === "api" && parts[1] === "v1") {
    return {
      kind: "APIResourceList",
      apiVersion: "v1",
      groupVersion: "v1",
      resources: apiResources(reg, "", "v1"),
    };
  }
  if (parts[0] !== "apis") return undefined;
  if (parts.length === 1) {
    return {
      kind: "APIGroupList",
      apiVersion: "v1",
      groups: groups.filter((g) => g.group !== "").map((g) => groupEntry(g.group, g.versions)),
    };
  }
  const g = groups.find((x) => x.group === parts[1] && x.group !== "");
  if (!g) return undefined;
  if (parts.length === 2)
    return { kind: "APIGroup", apiVersion: "v1", ...groupEntry(g.group, g.versions) };
  if (parts.length === 3 && g.versions.includes(parts[2]!)) {
    return {
      kind: "APIResourceList",
      apiVersion: "v1",
      groupVersion: gv(g.group, parts[2]!),
      resources: apiResources(reg, g.group, parts[2]!),
    };
  }
  return undefined;
}

function aggregatedResource(r: ResourceInfo) {
  return {
    resource: r.resource,
    responseKind: { group: "", version: "", kind: r.kind },
    scope: r.namespaced ? "Namespaced" : "Cluster",
    singularResource: r.singular,
    verbs: [...r.verbs],
    ...(r.shortNames.length ? { shortNames: [...r.shortNames] } : {}),
    ...(r.categories.length ? { categories: [...r.categories] } : {}),
    ...(r.subresources.length
      ? {
          subresources: r.subresources.map((s) => ({
            subresource: s.name,
            responseKind: { group: s.group ?? "", version: s.version ?? "", kind: s.kind },
            verbs: [...s.verbs],
          })),
        }
      : {}),
  };
}

/** GET /api or /apis with `as=APIGroupDiscoveryList`: every group's resources in one answer. */
export function aggregatedDiscovery(
  reg: ResourceRegistry,
  path: "/api" | "/apis",
  version: "v2" | "v2beta1",
): unknown {
  const groups = reg.groups().filter((g) => (path === "/api" ? g.group === "" : g.group !== ""));
  return {
    kind: "APIGroupDiscoveryList",
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: { ...(g.group ? { name: g.group } : {}), creationTimestamp: null },
      versions: g.versions.map((v) => ({
        version: v,
        resources: reg.inGroupVersion(g.group, v).map(aggregatedResource),
        freshness: "Current",
      })),
    })),
  };
}
