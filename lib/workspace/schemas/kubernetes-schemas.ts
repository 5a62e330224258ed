// JSON Schemas of the Kubernetes kinds the simulator serves, for the lab editor's
// validation, completion and hover. Derived from our own API server, never from a
// schema store: the kinds and apiVersions come from the resource registry (what
// discovery and /openapi/v3 list), the field trees from the strict-decoding schemas
// (what `kubectl apply --validate=strict` accepts) and the descriptions from the
// texts `kubectl explain` prints. Sub-trees the API server does not check ("*") stay
// open, so the editor never flags a manifest the simulator would accept.

import { FIELD_DESCRIPTIONS, KIND_DESCRIPTIONS } from "@/lib/k8s-api/openapi-descriptions";
import { builtinRegistry } from "@/lib/sim/apiserver/resources/registry";
import type { ResourceInfo } from "@/lib/sim/apiserver/resources/resource-info";
import { typedFields } from "@/lib/sim/apiserver/validation/decode-types";
import { SCHEMAS, type FieldSchema } from "@/lib/sim/apiserver/validation/schema";
import type { JsonSchema } from "./json-schema";

// Go types of the decoder's typed fields, as JSON Schema scalar types.
const SCALAR: Record<string, JsonSchema["type"]> = {
  string: "string",
  "[]uint8": "string",
  int32: "integer",
  int64: "integer",
  bool: "boolean",
};

type GoTypes = Readonly<Record<string, { type: string }>>;

/**
 * Field-tree node → JSON Schema. Scalars get a type where the API server's decoder
 * types them (lib/sim/apiserver/validation/decode-types: `replicas: "3"` is refused
 * there, so the editor marks it too); other scalars stay untyped, never stricter
 * than the simulator.
 */
export function fieldSchemaToJson(node: FieldSchema, path = "", types?: GoTypes): JsonSchema {
  const goType = types && Object.hasOwn(types, path) ? types[path]!.type : undefined;
  const scalar = goType ? SCALAR[goType] : undefined;
  if (node === "" || node === "*") return scalar ? { type: scalar } : {};
  if ("a" in node) return { type: "array", items: fieldSchemaToJson(node.a, `${path}[]`, types) };
  if ("m" in node) {
    return {
      type: "object",
      additionalProperties: fieldSchemaToJson(node.m, `${path}{}`, types),
    };
  }
  const properties: Record<string, JsonSchema> = {};
  for (const [name, child] of Object.entries(node.o)) {
    properties[name] = fieldSchemaToJson(child, path ? `${path}.${name}` : name, types);
  }
  return { type: "object", properties, additionalProperties: false };
}

export const apiVersionOf = (r: Pick<ResourceInfo, "group" | "version">) =>
  r.group ? `${r.group}/${r.version}` : r.version;

/** The creatable kinds: stored resources (not reviews) a manifest can declare. */
export function manifestKinds(): ResourceInfo[] {
  return builtinRegistry
    .all()
    .filter((r) => r.etcdPrefix !== null && r.verbs.includes("create"))
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind < b.kind ? -1 : 1));
}

function kindSchema(r: ResourceInfo): JsonSchema {
  const tree = SCHEMAS[`${r.group}/${r.kind}`];
  const base: JsonSchema = tree
    ? fieldSchemaToJson(tree, "", typedFields(r))
    : {
        // Kinds without a strict-decoding schema: known top-level fields only.
        type: "object",
        properties: { apiVersion: {}, kind: {}, metadata: {}, spec: {}, status: {} },
      };
  const properties = { ...base.properties };
  for (const [field, description] of Object.entries(FIELD_DESCRIPTIONS)) {
    if (properties[field]) properties[field] = { ...properties[field], description };
  }
  properties.apiVersion = { ...properties.apiVersion, const: apiVersionOf(r) };
  properties.kind = { ...properties.kind, const: r.kind };
  return {
    ...base,
    title: `${r.kind} (${apiVersionOf(r)})`,
    description:
      KIND_DESCRIPTIONS[r.kind] ?? `${r.kind} is a ${r.group || "core"} ${r.version} resource.`,
    properties,
  };
}

/** One if/then branch per apiVersion+kind, so each document of a file is checked by its own kind. */
export function kubernetesBranches(): JsonSchema[] {
  return manifestKinds().map((r) => ({
    if: {
      properties: { apiVersion: { const: apiVersionOf(r) }, kind: { const: r.kind } },
      required: ["apiVersion", "kind"],
    },
    then: kindSchema(r),
  }));
}
