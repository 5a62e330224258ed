// The one schema every workspace file is checked against: each YAML document picks
// its branch by apiVersion + kind (Kubernetes manifests and kubeadm configs can share
// a file, as `kubeadm init --config` files do). apiVersion and kind get enums so
// completion offers them before a kind is chosen.

import { EDITOR_SCHEMA_URI } from "./editor-uri";
import type { JsonSchema } from "./json-schema";
import { kubeadmBranches } from "./kubeadm-schemas";
import { apiVersionOf, kubernetesBranches, manifestKinds } from "./kubernetes-schemas";

export function buildEditorSchema(): JsonSchema {
  const k8s = manifestKinds();
  const kubeadm = kubeadmBranches();
  const kubeadmPairs = kubeadm.map((b) => ({
    apiVersion: b.if!.properties!.apiVersion!.const!,
    kind: b.if!.properties!.kind!.const!,
  }));
  const apiVersions = [
    ...new Set([...k8s.map(apiVersionOf), ...kubeadmPairs.map((p) => p.apiVersion)]),
  ].sort();
  const kinds = [
    ...new Set([...k8s.map((r) => r.kind), ...kubeadmPairs.map((p) => p.kind)]),
  ].sort();
  return {
    $id: EDITOR_SCHEMA_URI,
    title: "Kubelab workspace file",
    type: "object",
    properties: {
      apiVersion: { type: "string", examples: apiVersions, description: "이 문서의 API 그룹/버전" },
      kind: { type: "string", examples: kinds, description: "이 문서가 정의하는 리소스 종류" },
    },
    allOf: [...kubernetesBranches(), ...kubeadm],
  };
}
