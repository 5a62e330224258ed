// JSON Schemas of kubeadm's configuration kinds (v1beta3 for kubeadm 1.28, v1beta4
// for 1.31+), derived from the simulator's kubeadm decoder field specs so the editor
// flags exactly what `kubeadm config validate` rejects as an unknown field or a
// value of the wrong JSON type (e.g. the lesson example's `metadata` block).

import { registeredKinds, type FieldSpec } from "@/lib/sim/kubeadm/schema";
import type { JsonSchema } from "./json-schema";

export function fieldSpecToJson(spec: FieldSpec, goName?: string): JsonSchema {
  const described = (s: JsonSchema): JsonSchema =>
    goName ? { ...s, description: `Go 타입: ${goName}` } : s;
  switch (spec.t) {
    case "string":
    case "duration":
      return described({ type: "string" });
    case "bool":
      return described({ type: "boolean" });
    case "int32":
      return described({ type: "integer" });
    case "strings":
      return described({ type: "array", items: { type: "string" } });
    case "stringMap":
      return described({ type: "object", additionalProperties: { type: "string" } });
    case "boolMap":
      return described({ type: "object", additionalProperties: { type: "boolean" } });
    case "any":
      return {};
    case "list":
      return { type: "array", description: `Go 타입: ${spec.go}`, items: fieldSpecToJson(spec.of) };
    case "object": {
      const properties: Record<string, JsonSchema> = {};
      for (const [name, child] of Object.entries(spec.fields)) {
        properties[name] = fieldSpecToJson(
          child,
          child.t === "object" ? `${spec.go}.${name} (${child.go})` : `${spec.go}.${name}`,
        );
      }
      return {
        type: "object",
        description: `Go 타입: ${spec.go}`,
        properties,
        additionalProperties: false,
      };
    }
  }
}

/** kubeadm 1.31's registered kinds: v1beta3 and v1beta4 plus the component configs. */
export function kubeadmBranches(): JsonSchema[] {
  return registeredKinds(31).map((k) => {
    const apiVersion = `${k.group}/${k.version}`;
    const schema = fieldSpecToJson(k.spec);
    return {
      if: {
        properties: { apiVersion: { const: apiVersion }, kind: { const: k.kind } },
        required: ["apiVersion", "kind"],
      },
      then: {
        ...schema,
        title: `${k.kind} (${apiVersion})`,
        properties: {
          ...schema.properties,
          apiVersion: { const: apiVersion },
          kind: { const: k.kind },
        },
      },
    };
  });
}

export const KUBEADM_API_VERSIONS = ["kubeadm.k8s.io/v1beta3", "kubeadm.k8s.io/v1beta4"] as const;
