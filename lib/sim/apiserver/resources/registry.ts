// Lookup of served resources, by REST path (group/version/resource), by kind (what a manifest
// names) and by the names kubectl accepts on its command line (plural, singular, short name,
// kind, optionally qualified "deployments.apps" / "deployments.v1.apps").
import type { KubeObject } from "../object";
import { parseApiVersion } from "../object";
import { BUILTIN_RESOURCES } from "./builtin-resources";
import { resourcesFromCrd } from "./crd-resources";
import type { ResourceInfo } from "./resource-info";
import { compareKubeVersions } from "./version-priority";

export interface GroupVersions {
  group: string;
  /** Highest-priority version first (the preferred version). */
  versions: string[];
}

export class ResourceRegistry {
  private readonly entries: readonly ResourceInfo[];
  // Lookups every request makes (its path's resource, admission's and RBAC's reads by
  // group/resource), each a scan of the entries and, for the preferred version, a filter and a
  // sort: kept per registry, whose entries never change (a CRD write makes a new one). Nested
  // maps keyed by the strings themselves: a key built by concatenation cost as much to build
  // and hash as the scan it saved.
  private readonly found = {
    resource: new Map<string, Map<string, Map<string, ResourceInfo | undefined>>>(),
    kind: new Map<string, Map<string, Map<string, ResourceInfo | undefined>>>(),
    preferred: new Map<string, Map<string, ResourceInfo | undefined>>(),
  };

  constructor(entries: readonly ResourceInfo[]) {
    this.entries = entries;
  }

  all(): readonly ResourceInfo[] {
    return this.entries;
  }

  /** The API groups with their versions in discovery order (core group "" first). */
  groups(): GroupVersions[] {
    const out: GroupVersions[] = [];
    for (const e of this.entries) {
      let g = out.find((x) => x.group === e.group);
      if (!g) {
        g = { group: e.group, versions: [] };
        out.push(g);
      }
      if (!g.versions.includes(e.version)) g.versions.push(e.version);
    }
    for (const g of out) g.versions.sort(compareKubeVersions);
    return out;
  }

  /** Resources served in one group/version (legacy discovery: /api/v1, /apis/apps/v1). */
  inGroupVersion(group: string, version: string): ResourceInfo[] {
    return this.entries.filter((e) => e.group === group && e.version === version);
  }

  /** The REST path lookup: /apis/<group>/<version>/<resource>. */
  byResource(group: string, version: string, resource: string): ResourceInfo | undefined {
    const m = inner(inner(this.found.resource, group), version);
    const hit = m.get(resource);
    if (hit !== undefined || m.has(resource)) return hit;
    return keep(
      m,
      resource,
      this.entries.find(
        (e) => e.group === group && e.version === version && e.resource === resource,
      ),
    );
  }

  /** What a manifest's apiVersion/kind maps to; undefined is the "no matches for kind" case. */
  byKind(group: string, version: string, kind: string): ResourceInfo | undefined {
    const m = inner(inner(this.found.kind, group), version);
    const hit = m.get(kind);
    if (hit !== undefined || m.has(kind)) return hit;
    return keep(
      m,
      kind,
      this.entries.find((e) => e.group === group && e.version === version && e.kind === kind),
    );
  }

  byApiVersionKind(apiVersion: string, kind: string): ResourceInfo | undefined {
    const { group, version } = parseApiVersion(apiVersion);
    return this.byKind(group, version, kind);
  }

  /** The preferred version's entry for a group/resource (e.g. RBAC rules name no version). */
  preferred(group: string, resource: string): ResourceInfo | undefined {
    const m = inner(this.found.preferred, group);
    const hit = m.get(resource);
    if (hit !== undefined || m.has(resource)) return hit;
    const candidates = this.entries.filter((e) => e.group === group && e.resource === resource);
    return keep(
      m,
      resource,
      candidates.sort((a, b) => compareKubeVersions(a.version, b.version))[0],
    );
  }

  /**
   * Resolves a kubectl resource argument the way kubectl's RESTMapper does: "po", "pod",
   * "pods", "Pod", "deployments.apps", "deploy.apps", "deployments.v1.apps". The first
   * match in discovery order wins, so "events" is the core group's. undefined is kubectl's
   * `the server doesn't have a resource type "<arg>"` case.
   */
  resolve(arg: string): ResourceInfo | undefined {
    const lower = arg.toLowerCase();
    const attempts: { name: string; group?: string; version?: string }[] = [{ name: lower }];
    const parts = lower.split(".");
    if (parts.length >= 3) {
      attempts.push({
        name: parts[0] ?? "",
        version: parts[1] ?? "",
        group: parts.slice(2).join("."),
      });
    }
    if (parts.length >= 2) {
      attempts.push({ name: parts[0] ?? "", group: parts.slice(1).join(".") });
    }
    for (const a of attempts) {
      const hit = this.entries
        .filter((e) => a.group === undefined || e.group === a.group)
        .filter((e) => a.version === undefined || e.version === a.version)
        // Within a group prefer the preferred version, keeping discovery order across groups.
        .sort((x, y) => (x.group === y.group ? compareKubeVersions(x.version, y.version) : 0))
        .find(
          (e) =>
            e.resource === a.name ||
            e.singular === a.name ||
            e.kind.toLowerCase() === a.name ||
            e.shortNames.includes(a.name),
        );
      if (hit) return hit;
    }
    return undefined;
  }

  /** Resources in a category ("all" for `kubectl get all`), preferred versions only. */
  inCategory(category: string): ResourceInfo[] {
    const seen = new Set<string>();
    const out: ResourceInfo[] = [];
    for (const e of this.entries) {
      if (!e.categories.includes(category)) continue;
      const key = `${e.group}/${e.resource}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const preferred = this.preferred(e.group, e.resource);
      if (preferred) out.push(preferred);
    }
    return out;
  }

  /**
   * A registry that also serves the custom resources of `crds`. Built-in names win: a CRD
   * cannot shadow a built-in group/version/resource.
   */
  withCustomResources(crds: readonly KubeObject[]): ResourceRegistry {
    const extra: ResourceInfo[] = [];
    for (const crd of crds) {
      for (const info of resourcesFromCrd(crd)) {
        const taken =
          this.byResource(info.group, info.version, info.resource) !== undefined ||
          extra.some(
            (x) =>
              x.group === info.group && x.version === info.version && x.resource === info.resource,
          );
        if (!taken) extra.push(info);
      }
    }
    return new ResourceRegistry([...this.entries, ...extra]);
  }
}

export const builtinRegistry = new ResourceRegistry(BUILTIN_RESOURCES);

// Names come from requests (a learner's typos too): each level is bounded, started afresh at
// its limit.
const KEPT_LIMIT = 256;

function inner<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let m = outer.get(key);
  if (m === undefined) {
    if (outer.size >= KEPT_LIMIT) outer.clear();
    m = new Map();
    outer.set(key, m);
  }
  return m;
}

function keep(
  m: Map<string, ResourceInfo | undefined>,
  key: string,
  info: ResourceInfo | undefined,
): ResourceInfo | undefined {
  if (m.size >= KEPT_LIMIT) m.clear();
  m.set(key, info);
  return info;
}

/** meta.NoKindMatchError's text (printed by kubectl for a manifest of an unknown kind). */
export function noKindMatchMessage(kind: string, apiVersion: string): string {
  return `no matches for kind "${kind}" in version "${apiVersion}"`;
}

/** kubectl's text for an unknown resource argument (`kubectl get foo`). */
export function noResourceTypeMessage(arg: string): string {
  return `the server doesn't have a resource type "${arg}"`;
}

/** The body text of the 404 a server returns for a path it does not serve at all. */
export const NOT_FOUND_RESOURCE_MESSAGE = "the server could not find the requested resource";
