// Protobuf request bodies (`application/vnd.kubernetes.protobuf`), as kubectl
// 1.32+ sends them for its `create` generators (1.28 already for rolebindings) and
// `auth can-i|whoami`:
// the 4-byte magic "k8s\0", then a runtime.Unknown whose typeMeta names the kind
// and whose raw bytes are that kind's message. Decoded with protobufjs against the
// subset of Kubernetes' own generated.proto definitions in ./proto (same packages
// and field numbers), then turned into the JSON form the engine takes.

import path from "node:path";
import protobuf from "protobufjs";
import { newBadRequest, newUnsupportedMediaType } from "@/lib/sim/apiserver/errors";

export const PROTOBUF = "application/vnd.kubernetes.protobuf";
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
const FILES = [
  "k8s-subset.proto",
  "meta.proto",
  "intstr.proto",
  "resource.proto",
  "core.proto",
  "apps.proto",
  "authorization.proto",
  "authentication.proto",
  "rbac.proto",
  "batch.proto",
  "scheduling.proto",
  "networking.proto",
  "policy.proto",
];

/** apiVersion/kind → message type for the kinds kubectl sends as protobuf. */
const KINDS: Record<string, string> = {
  "v1/Namespace": "k8s.io.api.core.v1.Namespace",
  "v1/ConfigMap": "k8s.io.api.core.v1.ConfigMap",
  "v1/Secret": "k8s.io.api.core.v1.Secret",
  "v1/ServiceAccount": "k8s.io.api.core.v1.ServiceAccount",
  "v1/Service": "k8s.io.api.core.v1.Service",
  "v1/ResourceQuota": "k8s.io.api.core.v1.ResourceQuota",
  "apps/v1/Deployment": "k8s.io.api.apps.v1.Deployment",
  "batch/v1/Job": "k8s.io.api.batch.v1.Job",
  "batch/v1/CronJob": "k8s.io.api.batch.v1.CronJob",
  "rbac.authorization.k8s.io/v1/Role": "k8s.io.api.rbac.v1.Role",
  "rbac.authorization.k8s.io/v1/ClusterRole": "k8s.io.api.rbac.v1.ClusterRole",
  "rbac.authorization.k8s.io/v1/RoleBinding": "k8s.io.api.rbac.v1.RoleBinding",
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": "k8s.io.api.rbac.v1.ClusterRoleBinding",
  "scheduling.k8s.io/v1/PriorityClass": "k8s.io.api.scheduling.v1.PriorityClass",
  "policy/v1/PodDisruptionBudget": "k8s.io.api.policy.v1.PodDisruptionBudget",
  "networking.k8s.io/v1/Ingress": "k8s.io.api.networking.v1.Ingress",
  "authentication.k8s.io/v1/TokenRequest": "k8s.io.api.authentication.v1.TokenRequest",
  "authorization.k8s.io/v1/SelfSubjectAccessReview":
    "k8s.io.api.authorization.v1.SelfSubjectAccessReview",
  "authorization.k8s.io/v1/SelfSubjectRulesReview":
    "k8s.io.api.authorization.v1.SelfSubjectRulesReview",
  "authentication.k8s.io/v1/SelfSubjectReview": "k8s.io.api.authentication.v1.SelfSubjectReview",
  "authentication.k8s.io/v1/TokenReview": "k8s.io.api.authentication.v1.TokenReview",
};

/**
 * Message.field of the numbers and booleans whose zero value is meaningful when sent:
 * Go pointers (*int32, *bool: on the wire only when set) and the non-pointer fields
 * whose JSON tag has no omitempty (PriorityClass.value is `json:"value"`).
 */
const KEEP_ZERO = new Set([
  "DeploymentSpec.replicas",
  "ConfigMap.immutable",
  "Secret.immutable",
  "ServiceAccount.automountServiceAccountToken",
  "JobSpec.parallelism",
  "JobSpec.completions",
  "JobSpec.activeDeadlineSeconds",
  "JobSpec.backoffLimit",
  "JobSpec.backoffLimitPerIndex",
  "JobSpec.maxFailedIndexes",
  "JobSpec.manualSelector",
  "JobSpec.ttlSecondsAfterFinished",
  "JobSpec.suspend",
  "CronJobSpec.startingDeadlineSeconds",
  "CronJobSpec.suspend",
  "CronJobSpec.successfulJobsHistoryLimit",
  "CronJobSpec.failedJobsHistoryLimit",
  "PriorityClass.value",
  "TokenRequestSpec.expirationSeconds",
]);

/**
 * A non-pointer metav1.Time marshals as JSON null when zero, so kubectl's JSON carries
 * `creationTimestamp: null` in every ObjectMeta (a pod template's stays stored as such).
 */
const KEEP_NULL = new Set(["ObjectMeta.creationTimestamp"]);

/** Message.field of Go's embedded structs (`json:",inline"`): their fields join the parent's. */
const INLINE = new Set(["IngressRule.ingressRuleValue"]);

let root: protobuf.Root | undefined;

function protoRoot(): protobuf.Root {
  if (root) return root;
  const dir = path.join(process.cwd(), "lib", "k8s-api", "proto");
  const r = new protobuf.Root();
  r.resolvePath = (_origin, target) => path.join(dir, path.basename(target));
  r.loadSync(
    FILES.map((f) => path.join(dir, f)),
    { keepCase: true },
  );
  r.resolveAll();
  root = r;
  return r;
}

function rfc3339(seconds: number, nanos: number): string | null {
  if (!seconds && !nanos) return null;
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Message → the JSON Kubernetes would have received (Time as RFC 3339, IntOrString, Quantity). */
function toJson(message: protobuf.Message, type: protobuf.Type): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const plain = message as unknown as Record<string, unknown>;
  for (const field of type.fieldsArray) {
    // Only fields on the wire: protobufjs keeps defaults on the prototype.
    if (!Object.prototype.hasOwnProperty.call(plain, field.name)) continue;
    const raw = plain[field.name];
    // int64 fields decode as Long: compare and convert them as numbers.
    const value: unknown = isLong(raw) ? Number(raw.toString()) : raw;
    // Go writes non-pointer strings even when empty; its JSON would omit them.
    if (value === undefined || value === null || value === "") continue;
    if (field.map) {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length) {
        out[field.name] = Object.fromEntries(entries.map(([k, v]) => [k, convert(v, field)]));
      }
      continue;
    }
    if (field.repeated) {
      const list = value as unknown[];
      if (list.length) out[field.name] = list.map((v) => convert(v, field));
      continue;
    }
    // Go also writes non-pointer numbers and booleans when zero (minReadySeconds: 0,
    // paused: false); their JSON is omitempty, so the server never sees them. Pointer
    // fields (replicas) and tags without omitempty keep an explicit 0/false.
    const key = `${type.name}.${field.name}`;
    if ((value === 0 || value === false) && !KEEP_ZERO.has(key)) continue;
    const converted = convert(value, field);
    if (converted === null && KEEP_NULL.has(key)) out[field.name] = null;
    if (converted === undefined || converted === null) continue;
    if (INLINE.has(key) && typeof converted === "object") Object.assign(out, converted);
    else out[field.name] = converted;
  }
  return out;
}

function isLong(value: unknown): value is { toString(): string } {
  return typeof value === "object" && value !== null && "low" in value && "high" in value;
}

function convert(value: unknown, field: protobuf.Field): unknown {
  const t = field.resolvedType;
  if (t instanceof protobuf.Type) {
    const m = value as Record<string, unknown>;
    switch (t.fullName) {
      case ".k8s.io.apimachinery.pkg.apis.meta.v1.Time":
        return rfc3339(Number(m.seconds ?? 0), Number(m.nanos ?? 0));
      case ".k8s.io.apimachinery.pkg.util.intstr.IntOrString":
        return Number(m.type ?? 0) === 1 ? String(m.strVal ?? "") : Number(m.intVal ?? 0);
      case ".k8s.io.apimachinery.pkg.api.resource.Quantity":
        return String(m.string ?? "");
      default:
        return toJson(value as protobuf.Message, t);
    }
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (isLong(value)) return Number(value.toString());
  return value;
}

export function decodeProtobufBody(raw: Buffer): { body: unknown; contentType: string } {
  if (raw.length < MAGIC.length || !raw.subarray(0, 4).equals(MAGIC)) {
    throw newBadRequest("provided object is not protobuf: missing the k8s magic prefix");
  }
  const r = protoRoot();
  const unknownType = r.lookupType("k8s.io.apimachinery.pkg.runtime.Unknown");
  let apiVersion: string;
  let kind: string;
  let inner: Uint8Array;
  try {
    const unknown = unknownType.decode(raw.subarray(4)) as unknown as {
      typeMeta?: { apiVersion?: string; kind?: string };
      raw?: Uint8Array;
    };
    apiVersion = unknown.typeMeta?.apiVersion ?? "";
    kind = unknown.typeMeta?.kind ?? "";
    inner = unknown.raw ?? new Uint8Array();
  } catch (err) {
    throw newBadRequest(
      `unable to decode protobuf body: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const typeName = KINDS[`${apiVersion}/${kind}`];
  if (!typeName) {
    // Kinds outside the subset: the client retries nothing, so say what this server decodes.
    throw newUnsupportedMediaType(["application/json", "application/yaml"]);
  }
  const type = r.lookupType(typeName);
  let message: protobuf.Message;
  try {
    message = type.decode(inner);
  } catch (err) {
    throw newBadRequest(
      `unable to decode protobuf body: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return { body: { apiVersion, kind, ...toJson(message, type) }, contentType: "application/json" };
}
