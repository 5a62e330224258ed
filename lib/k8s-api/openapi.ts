// /openapi/v3: the root index and one document per group-version, with each
// resource's paths (so kubectl sees the `fieldValidation` and `dryRun` parameters
// and delegates validation to the server) and each kind's schema (for `kubectl
// explain`; top-level fields for built-in kinds, the CRD's own schema for custom
// resources). The PATCH request bodies list no strategic-merge type: kubectl then
// computes strategic merge patches from its compiled-in types, which know the merge keys.

import { createHash } from "node:crypto";
import { CLUSTER_VERSION } from "@/lib/sim/version";
import type { ResourceRegistry } from "@/lib/sim/apiserver/resources/registry";
import type { ResourceInfo } from "@/lib/sim/apiserver/resources/resource-info";
import { KIND_DESCRIPTIONS, FIELD_DESCRIPTIONS } from "./openapi-descriptions";

const gvPath = (group: string, version: string) =>
  group ? `apis/${group}/${version}` : `api/${version}`;

export function schemaName(r: Pick<ResourceInfo, "group" | "version" | "kind" | "custom">): string {
  if (r.custom) return `${r.group.split(".").reverse().join(".")}.${r.version}.${r.kind}`;
  if (r.group === "metrics.k8s.io") return `io.k8s.metrics.pkg.apis.metrics.${r.version}.${r.kind}`;
  const g = r.group === "" ? "core" : r.group.split(".")[0];
  return `io.k8s.api.${g}.${r.version}.${r.kind}`;
}

function groupVersions(reg: ResourceRegistry): { group: string; version: string }[] {
  return reg.groups().flatMap((g) => g.versions.map((version) => ({ group: g.group, version })));
}

/** GET /openapi/v3: where each group-version's document lives (URLs carry the sandbox prefix). */
export function openApiRoot(reg: ResourceRegistry, prefix: string): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of groupVersions(reg)) {
    const p = gvPath(group, version);
    const hash = createHash("sha512")
      .update(JSON.stringify(reg.inGroupVersion(group, version)))
      .digest("hex")
      .slice(0, 128)
      .toUpperCase();
    paths[p] = { serverRelativeURL: `${prefix}/openapi/v3/${p}?hash=${hash}` };
  }
  return { paths };
}

const queryParam = (name: string, description: string) => ({
  name,
  in: "query",
  description,
  schema: { type: "string", uniqueItems: true },
});
const DRY_RUN = queryParam(
  "dryRun",
  "When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed",
);
const FIELD_MANAGER = queryParam(
  "fieldManager",
  "fieldManager is a name associated with the actor or entity that is making these changes.",
);
const FIELD_VALIDATION = queryParam(
  "fieldValidation",
  "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict",
);

function operation(r: ResourceInfo, action: string, ref: string, withBody: boolean, patch = false) {
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const body = patch
    ? {
        content: Object.fromEntries(
          [
            "application/json-patch+json",
            "application/merge-patch+json",
            "application/apply-patch+yaml",
          ].map((t) => [t, { schema: { type: "object" } }]),
        ),
        required: true,
      }
    : { content: { "*/*": { schema: { $ref: ref } } }, required: true };
  return {
    tags: [r.group || "core_v1"],
    operationId: `${action}${r.kind}`,
    ...(withBody
      ? { parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], requestBody: body }
      : {}),
    responses: {
      "200": { description: "OK", content: { "application/json": { schema: { $ref: ref } } } },
    },
    "x-kubernetes-action": action,
    "x-kubernetes-group-version-kind": gvk,
  };
}

function kindSchema(r: ResourceInfo) {
  const gvk = [{ group: r.group, version: r.version, kind: r.kind }];
  if (r.custom && r.schema && typeof r.schema === "object") {
    return { ...(r.schema as object), "x-kubernetes-group-version-kind": gvk };
  }
  const fields = ["apiVersion", "kind", "metadata", "spec", "status"];
  const properties: Record<string, unknown> = {};
  for (const f of fields) {
    const d = FIELD_DESCRIPTIONS[f]!;
    properties[f] =
      f === "metadata"
        ? {
            allOf: [
              { $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" },
            ],
            default: {},
            description: d,
          }
        : { type: f === "apiVersion" || f === "kind" ? "string" : "object", description: d };
  }
  return {
    description:
      KIND_DESCRIPTIONS[r.kind] ?? `${r.kind} is a ${r.group || "core"} ${r.version} resource.`,
    type: "object",
    properties,
    "x-kubernetes-group-version-kind": gvk,
  };
}

/** GET /openapi/v3/api/v1, /openapi/v3/apis/<g>/<v>; undefined for an unknown group-version. */
export function openApiDocument(reg: ResourceRegistry, gvPathText: string): unknown | undefined {
  const gvEntry = groupVersions(reg).find((x) => gvPath(x.group, x.version) === gvPathText);
  if (!gvEntry) return undefined;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {
    "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {
      description:
        "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
      type: "object",
    },
  };
  for (const r of reg.inGroupVersion(gvEntry.group, gvEntry.version)) {
    const name = schemaName(r);
    const ref = `#/components/schemas/${name}`;
    schemas[name] = kindSchema(r);
    const base = r.namespaced
      ? `/${gvPathText}/namespaces/{namespace}/${r.resource}`
      : `/${gvPathText}/${r.resource}`;
    if (r.etcdPrefix === null && r.verbs.includes("create")) {
      // Virtual resources (reviews) are create-only.
      paths[`/${gvPathText}/${r.resource}`] = { post: operation(r, "post", ref, true) };
      continue;
    }
    if (r.etcdPrefix === null) {
      // Read-only virtual resources (metrics.k8s.io): get and list.
      paths[base] = { get: operation(r, "list", ref, false) };
      paths[`${base}/{name}`] = { get: operation(r, "get", ref, false) };
      continue;
    }
    paths[base] = {
      get: operation(r, "list", ref, false),
      post: operation(r, "post", ref, true),
      delete: operation(r, "deletecollection", ref, false),
    };
    paths[`${base}/{name}`] = {
      get: operation(r, "get", ref, false),
      put: operation(r, "put", ref, true),
      patch: operation(r, "patch", ref, true, true),
      delete: operation(r, "delete", ref, false),
    };
  }
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: CLUSTER_VERSION },
    paths,
    components: { schemas },
  };
}
