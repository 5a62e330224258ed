// Derives served resources from a CustomResourceDefinition object, as apiextensions-apiserver
// does when a CRD becomes Established: one entry per served version, stored under
// /registry/<group>/<plural>/ in the CRD's storage version.
import type { KubeObject } from "../object";
import {
  STANDARD_VERBS,
  STATUS_VERBS,
  type ResourceInfo,
  type SubresourceInfo,
} from "./resource-info";
import { compareKubeVersions } from "./version-priority";

interface CrdVersion {
  name?: unknown;
  schema?: { openAPIV3Schema?: unknown };
  served?: unknown;
  storage?: unknown;
  subresources?: { status?: unknown; scale?: unknown };
}

interface CrdSpec {
  group?: unknown;
  scope?: unknown;
  names?: {
    plural?: unknown;
    singular?: unknown;
    kind?: unknown;
    listKind?: unknown;
    shortNames?: unknown;
    categories?: unknown;
  };
  versions?: unknown;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/**
 * Entries for every served version of `crd`, highest-priority version first. A CRD without the
 * fields validation requires yields no entries rather than throwing: validation reports it.
 */
export function resourcesFromCrd(crd: KubeObject): ResourceInfo[] {
  const spec = (crd.spec ?? {}) as CrdSpec;
  const group = spec.group;
  const names = spec.names ?? {};
  const plural = names.plural;
  const kind = names.kind;
  if (typeof group !== "string" || typeof plural !== "string" || typeof kind !== "string") {
    return [];
  }
  const versions = (Array.isArray(spec.versions) ? spec.versions : []) as CrdVersion[];
  const storage = versions.find((v) => v.storage === true && typeof v.name === "string");
  const served = versions
    .filter(
      (v): v is CrdVersion & { name: string } => v.served === true && typeof v.name === "string",
    )
    .sort((a, b) => compareKubeVersions(a.name, b.name));

  return served.map((v) => {
    const subresources: SubresourceInfo[] = [];
    if (v.subresources?.scale !== undefined) {
      subresources.push({
        name: "scale",
        kind: "Scale",
        group: "autoscaling",
        version: "v1",
        verbs: STATUS_VERBS,
      });
    }
    if (v.subresources?.status !== undefined) {
      subresources.push({ name: "status", kind, verbs: STATUS_VERBS });
    }
    const info: ResourceInfo = {
      group,
      version: v.name,
      kind,
      listKind: typeof names.listKind === "string" ? names.listKind : `${kind}List`,
      resource: plural,
      singular:
        typeof names.singular === "string" && names.singular !== ""
          ? names.singular
          : kind.toLowerCase(),
      shortNames: strings(names.shortNames),
      namespaced: spec.scope !== "Cluster",
      verbs: STANDARD_VERBS,
      categories: strings(names.categories),
      subresources,
      etcdPrefix: `/registry/${group}/${plural}/`,
      custom: true,
    };
    if (v.schema?.openAPIV3Schema !== undefined) info.schema = v.schema.openAPIV3Schema;
    if (typeof storage?.name === "string") {
      info.storageGroupVersion = { group, version: storage.name };
    }
    return info;
  });
}
