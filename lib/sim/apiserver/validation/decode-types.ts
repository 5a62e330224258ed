// JSON type errors of the API server's decoder (sigs.k8s.io/json, a fork of encoding/json):
// a value of the wrong JSON type for a field yields
//   json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32
// naming the innermost Go struct, the JSON path without indices and the Go type. Only the fields
// learners commonly get wrong are typed here; the earliest error in document order is reported,
// as encoding/json does.
import type { ResourceInfo } from "../resources/resource-info";

interface Typed {
  struct: string;
  type: string;
}

// Path patterns: "[]" marks list items, "{}" map values.
type Table = Record<string, Typed>;

const meta = (prefix: string): Table => ({
  [`${prefix}metadata`]: { struct: "", type: "v1.ObjectMeta" },
  [`${prefix}metadata.name`]: { struct: "ObjectMeta", type: "string" },
  [`${prefix}metadata.namespace`]: { struct: "ObjectMeta", type: "string" },
  [`${prefix}metadata.labels`]: { struct: "ObjectMeta", type: "map[string]string" },
  [`${prefix}metadata.labels{}`]: { struct: "ObjectMeta", type: "string" },
  [`${prefix}metadata.annotations`]: { struct: "ObjectMeta", type: "map[string]string" },
  [`${prefix}metadata.annotations{}`]: { struct: "ObjectMeta", type: "string" },
});

function podSpec(p: string): Table {
  const c = `${p}.containers[]`;
  return {
    [`${p}.containers`]: { struct: "PodSpec", type: "[]v1.Container" },
    [c]: { struct: "PodSpec", type: "v1.Container" },
    [`${c}.name`]: { struct: "Container", type: "string" },
    [`${c}.image`]: { struct: "Container", type: "string" },
    [`${c}.command`]: { struct: "Container", type: "[]string" },
    [`${c}.command[]`]: { struct: "Container", type: "string" },
    [`${c}.args`]: { struct: "Container", type: "[]string" },
    [`${c}.args[]`]: { struct: "Container", type: "string" },
    [`${c}.ports`]: { struct: "Container", type: "[]v1.ContainerPort" },
    [`${c}.ports[].containerPort`]: { struct: "ContainerPort", type: "int32" },
    [`${c}.ports[].hostPort`]: { struct: "ContainerPort", type: "int32" },
    [`${c}.ports[].name`]: { struct: "ContainerPort", type: "string" },
    [`${c}.env`]: { struct: "Container", type: "[]v1.EnvVar" },
    [`${c}.env[].name`]: { struct: "EnvVar", type: "string" },
    [`${c}.env[].value`]: { struct: "EnvVar", type: "string" },
    [`${p}.terminationGracePeriodSeconds`]: { struct: "PodSpec", type: "int64" },
    [`${p}.activeDeadlineSeconds`]: { struct: "PodSpec", type: "int64" },
    [`${p}.nodeName`]: { struct: "PodSpec", type: "string" },
    [`${p}.nodeSelector{}`]: { struct: "PodSpec", type: "string" },
    [`${p}.serviceAccountName`]: { struct: "PodSpec", type: "string" },
  };
}

const template = (spec: string): Table => ({
  [`${spec}.template`]: { struct: "", type: "v1.PodTemplateSpec" },
  ...meta(`${spec}.template.`),
  [`${spec}.template.spec`]: { struct: "PodTemplateSpec", type: "v1.PodSpec" },
  ...podSpec(`${spec}.template.spec`),
});

function workload(kind: string, extra: Table): Table {
  return {
    ...meta(""),
    spec: { struct: kind, type: `v1.${kind}Spec` },
    "spec.selector": { struct: `${kind}Spec`, type: "v1.LabelSelector" },
    "spec.selector.matchLabels{}": { struct: "LabelSelector", type: "string" },
    ...template("spec"),
    ...extra,
  };
}

const TABLES: Record<string, Table> = {
  "/Pod": { ...meta(""), spec: { struct: "Pod", type: "v1.PodSpec" }, ...podSpec("spec") },
  "/Service": {
    ...meta(""),
    spec: { struct: "Service", type: "v1.ServiceSpec" },
    "spec.ports": { struct: "ServiceSpec", type: "[]v1.ServicePort" },
    "spec.ports[].port": { struct: "ServicePort", type: "int32" },
    "spec.ports[].nodePort": { struct: "ServicePort", type: "int32" },
    "spec.ports[].name": { struct: "ServicePort", type: "string" },
    "spec.selector": { struct: "ServiceSpec", type: "map[string]string" },
    "spec.selector{}": { struct: "ServiceSpec", type: "string" },
  },
  "/ConfigMap": {
    ...meta(""),
    data: { struct: "ConfigMap", type: "map[string]string" },
    "data{}": { struct: "ConfigMap", type: "string" },
  },
  "/Secret": {
    ...meta(""),
    data: { struct: "Secret", type: "map[string][]uint8" },
    "data{}": { struct: "Secret", type: "[]uint8" },
    stringData: { struct: "Secret", type: "map[string]string" },
    "stringData{}": { struct: "Secret", type: "string" },
  },
  "/Namespace": meta(""),
  "apps/Deployment": workload("Deployment", {
    "spec.replicas": { struct: "DeploymentSpec", type: "int32" },
    "spec.revisionHistoryLimit": { struct: "DeploymentSpec", type: "int32" },
  }),
  "apps/ReplicaSet": workload("ReplicaSet", {
    "spec.replicas": { struct: "ReplicaSetSpec", type: "int32" },
  }),
  "apps/StatefulSet": workload("StatefulSet", {
    "spec.replicas": { struct: "StatefulSetSpec", type: "int32" },
    "spec.serviceName": { struct: "StatefulSetSpec", type: "string" },
  }),
  "apps/DaemonSet": workload("DaemonSet", {}),
  "batch/Job": {
    ...workload("Job", {
      "spec.completions": { struct: "JobSpec", type: "int32" },
      "spec.parallelism": { struct: "JobSpec", type: "int32" },
      "spec.backoffLimit": { struct: "JobSpec", type: "int32" },
    }),
  },
  "batch/CronJob": {
    ...meta(""),
    spec: { struct: "CronJob", type: "v1.CronJobSpec" },
    "spec.schedule": { struct: "CronJobSpec", type: "string" },
    "spec.suspend": { struct: "CronJobSpec", type: "bool" },
    "spec.successfulJobsHistoryLimit": { struct: "CronJobSpec", type: "int32" },
    "spec.failedJobsHistoryLimit": { struct: "CronJobSpec", type: "int32" },
    "spec.jobTemplate": { struct: "CronJobSpec", type: "v1.JobTemplateSpec" },
    ...meta("spec.jobTemplate."),
    "spec.jobTemplate.spec": { struct: "JobTemplateSpec", type: "v1.JobSpec" },
    ...template("spec.jobTemplate.spec"),
  },
};

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  if (typeof v === "object") return "object";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  return "string";
}

const INT_RANGE: Record<string, [number, number]> = {
  int32: [-2147483648, 2147483647],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/**
 * The Go type of each typed field of a kind by path pattern ("spec.replicas",
 * "spec.template.spec.containers[].ports[].containerPort"), e.g. for editors.
 */
export function typedFields(
  info: Pick<ResourceInfo, "group" | "kind">,
): Readonly<Record<string, { type: string }>> | undefined {
  return TABLES[`${info.group}/${info.kind}`];
}

/** The decoder's description of the mismatch, or undefined when `v` fits `type`. */
function mismatch(v: unknown, type: string): string | undefined {
  const kind = jsonKind(v);
  if (kind === "null") return undefined; // null leaves the zero value, without error
  const range = INT_RANGE[type];
  if (range) {
    if (kind !== "number") return kind;
    const n = v as number;
    return Number.isInteger(n) && n >= range[0] && n <= range[1]
      ? undefined
      : `number ${String(v)}`;
  }
  if (type === "string") return kind === "string" ? undefined : kind;
  if (type === "[]uint8") return kind === "string" ? undefined : kind;
  if (type.startsWith("[]")) return kind === "array" ? undefined : kind;
  if (type.startsWith("map[") || type.startsWith("v1."))
    return kind === "object" ? undefined : kind;
  return undefined;
}

/**
 * The first JSON type error in document order, worded as the API server returns it (wrap it with
 * cannotBeHandledMessage for the 400 body), or undefined.
 */
export function findTypeError(
  obj: unknown,
  info: Pick<ResourceInfo, "group" | "kind">,
): string | undefined {
  const table = TABLES[`${info.group}/${info.kind}`];
  if (!table) return undefined;
  // Iterative walk in document order: [value, pattern, field path without indices].
  const stack: [unknown, string, string][] = [[obj, "", ""]];
  while (stack.length > 0) {
    const [value, pattern, field] = stack.pop() as [unknown, string, string];
    // Own keys only: a field named "constructor" must not find Object.prototype's.
    const typed = pattern !== "" && Object.hasOwn(table, pattern) ? table[pattern] : undefined;
    if (typed) {
      const bad = mismatch(value, typed.type);
      if (bad) {
        const struct = typed.struct === "" ? info.kind : typed.struct;
        return `json: cannot unmarshal ${bad} into Go struct field ${struct}.${field} of type ${typed.type}`;
      }
    }
    const children: [unknown, string, string][] = [];
    if (Array.isArray(value)) {
      for (const item of value) children.push([item, `${pattern}[]`, field]);
    } else if (value !== null && typeof value === "object") {
      const isMap = typed !== undefined && typed.type.startsWith("map[");
      for (const [k, v] of Object.entries(value)) {
        if (isMap) children.push([v, `${pattern}{}`, field]);
        else
          children.push([
            v,
            pattern === "" ? k : `${pattern}.${k}`,
            field === "" ? k : `${field}.${k}`,
          ]);
      }
    }
    for (let i = children.length - 1; i >= 0; i--)
      stack.push(children[i] as [unknown, string, string]);
  }
  return undefined;
}
