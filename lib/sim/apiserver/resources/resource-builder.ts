// Helpers for declaring built-in resources with the discovery defaults most of them share.
import {
  STANDARD_VERBS,
  STATUS_VERBS,
  type ResourceInfo,
  type SubresourceInfo,
} from "./resource-info";

export type Spec = Partial<ResourceInfo> &
  Pick<ResourceInfo, "group" | "version" | "kind" | "resource" | "namespaced">;

export function res(spec: Spec): ResourceInfo {
  return {
    listKind: `${spec.kind}List`,
    singular: spec.kind.toLowerCase(),
    shortNames: [],
    verbs: STANDARD_VERBS,
    categories: [],
    subresources: [],
    etcdPrefix: `/registry/${spec.resource}/`,
    ...spec,
  };
}

export const status = (kind: string): SubresourceInfo => ({
  name: "status",
  kind,
  verbs: STATUS_VERBS,
});
export const scale: SubresourceInfo = {
  name: "scale",
  kind: "Scale",
  group: "autoscaling",
  version: "v1",
  verbs: STATUS_VERBS,
};
export const ALL = ["all"] as const;
export const CREATE_ONLY = ["create"] as const;
