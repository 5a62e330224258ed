// The pipeline's steps that live in their own modules (authorization, admission,
// validation, selectors). The handler calls them through this interface so each
// step stays a pure function with its own tests, and the wiring sits in one place
// (default-plugins.ts).

import type { FieldError } from "../validation/field-error";
import type { KubeObject } from "../object";
import type { ResourceInfo } from "../resources/resource-info";
import type { UserInfo } from "./types";
import type { KvRow, StoreState } from "../../store/types";

export interface AuthorizationAttributes {
  user: UserInfo;
  verb: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** Set for non-resource requests (/healthz, /version...). */
  path?: string;
  resourceRequest: boolean;
}

export interface Decision {
  allowed: boolean;
  /** Why (audit annotation authorization.k8s.io/reason), e.g. `RBAC: allowed by ClusterRoleBinding "cluster-admin" ...`. */
  reason: string;
}

/** Read-only access to other objects, for admission and RBAC (no store access of their own). */
export interface ObjectLookup {
  get(group: string, resource: string, namespace: string, name: string): KubeObject | undefined;
  list(group: string, resource: string, namespace?: string): readonly KubeObject[];
  /**
   * The store as the request found it (before its own writes), so a step can tell from the
   * revision log that nothing it depends on changed since it last looked (RBAC's snapshot).
   */
  readonly baseStore?: StoreState;
  /** The stored rows under an etcd key prefix as the request sees them, in key order. */
  liveRows?(prefix: string): readonly KvRow[];
}

export type Operation = "CREATE" | "UPDATE" | "DELETE";

export interface AdmissionRequest {
  operation: Operation;
  info: ResourceInfo;
  subresource: string;
  namespace: string;
  name: string;
  /** The incoming object; a mutating plugin returns a changed copy. */
  object: KubeObject;
  oldObject?: KubeObject;
  user: UserInfo;
  lookup: ObjectLookup;
  /** Random suffix source (generated names, token volume names). */
  randomSuffix: (length: number) => string;
  now: number;
}

export interface ValidatingAdmissionResult {
  /** Objects to write along with the request (e.g. ResourceQuota status.used). */
  sideWrites: KubeObject[];
}

export interface ApiServerPlugins {
  authorize(attrs: AuthorizationAttributes, lookup: ObjectLookup): Decision;
  /** Mutating admission (defaults, ServiceAccount, NamespaceLifecycle...): throws ApiError to reject. */
  mutate(req: AdmissionRequest): KubeObject;
  validateCreate(obj: KubeObject, info: ResourceInfo): FieldError[];
  /** `subresource`: "status" for the status subresource's updates ("" or absent: the object). */
  validateUpdate(
    obj: KubeObject,
    old: KubeObject,
    info: ResourceInfo,
    subresource?: string,
  ): FieldError[];
  /** Strict field validation: paths of fields the schema does not know. */
  unknownFields(obj: KubeObject, info: ResourceInfo): string[];
  /**
   * Whether decoding and `mutate` leave a created object of this resource unchanged (no
   * defaults, no plugin changes it), so a create need not copy its body first. Absent: copy.
   */
  createLeavesContent?(info: ResourceInfo): boolean;
  /** Validating admission (ResourceQuota, LimitRange...): throws ApiError to reject. */
  admit(req: AdmissionRequest): ValidatingAdmissionResult;
  /**
   * Parses the labelSelector/fieldSelector query parameters of a list, watch or
   * deletecollection; throws ApiError (400) on a syntax error or an unsupported field.
   */
  selector(
    labelSelector: string,
    fieldSelector: string,
    info: ResourceInfo,
  ): (obj: KubeObject) => boolean;
  /**
   * Container log text for GET pods/<name>/log at virtual time `now` (the kubelet's
   * part). Without it a scheduled pod's containers have printed nothing yet.
   */
  podLog?(pod: KubeObject, container: string, query: URLSearchParams, now: number): string;
}
