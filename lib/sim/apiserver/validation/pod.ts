// Pod and pod-template rules from pkg/apis/core/validation (1.28): containers, ports, env,
// resources, volumes, policies, tolerations. Paths and messages are the upstream ones.
import { fieldErrors, type FieldError } from "./field-error";
import { validateObjectMeta, validateLabels, validateAnnotations } from "./object-meta";
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  regexError,
} from "./names";
import { compareQuantities, formatQuantity, parseQuantity } from "./quantity";
import type { KubeObject } from "../object";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const TERMINATION_MESSAGE_POLICIES = ["FallbackToLogsOnError", "File"];
const TOLERATION_OPERATORS = ["Equal", "Exists"];
const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);
const ENV_VAR_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";
const ENV_VAR_ERR =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
// The volume sources a pod may name; exactly one per volume.
const VOLUME_SOURCES = [
  "hostPath",
  "emptyDir",
  "gcePersistentDisk",
  "awsElasticBlockStore",
  "gitRepo",
  "secret",
  "nfs",
  "iscsi",
  "glusterfs",
  "persistentVolumeClaim",
  "rbd",
  "flexVolume",
  "cinder",
  "cephfs",
  "flocker",
  "downwardAPI",
  "fc",
  "azureFile",
  "configMap",
  "vsphereVolume",
  "quobyte",
  "azureDisk",
  "photonPersistentDisk",
  "projected",
  "portworxVolume",
  "scaleIO",
  "storageos",
  "csi",
  "ephemeral",
];

function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === "number" && value < 0
    ? [fieldErrors.invalid(path, value, "must be greater than or equal to 0")]
    : [];
}

function validateResources(resources: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const r = obj(resources);
  const limits = obj(r.limits);
  const requests = obj(r.requests);
  const checkNames = (m: Obj, p: string) => {
    for (const [name, raw] of Object.entries(m)) {
      const kp = `${p}[${name}]`;
      if (
        !name.includes("/") &&
        !STANDARD_CONTAINER_RESOURCES.has(name) &&
        !name.startsWith("hugepages-")
      ) {
        errs.push(fieldErrors.invalid(kp, name, "must be a standard resource for containers"));
      } else if (name.includes("/")) {
        for (const msg of isQualifiedName(name)) errs.push(fieldErrors.invalid(kp, name, msg));
      }
      const q = parseQuantity(raw as string);
      if (q && q.milli < 0n) {
        errs.push(fieldErrors.invalid(kp, formatQuantity(q), "must be greater than or equal to 0"));
      }
    }
  };
  checkNames(limits, `${path}.limits`);
  checkNames(requests, `${path}.requests`);
  for (const [name, raw] of Object.entries(requests)) {
    const req = parseQuantity(raw as string);
    const lim = limits[name] === undefined ? undefined : parseQuantity(limits[name] as string);
    if (req && lim && compareQuantities(req, lim) > 0) {
      errs.push(
        fieldErrors.invalid(
          `${path}.requests`,
          formatQuantity(req),
          `must be less than or equal to ${name} limit of ${formatQuantity(lim)}`,
        ),
      );
    }
  }
  return errs;
}

function validateContainer(
  c: Obj,
  path: string,
  volumeNames: Set<string>,
  seenNames: Set<string>,
): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (name === "") errs.push(fieldErrors.required(`${path}.name`, ""));
  else {
    for (const m of isDNS1123Label(name)) errs.push(fieldErrors.invalid(`${path}.name`, name, m));
    if (seenNames.has(name)) errs.push(fieldErrors.duplicate(`${path}.name`, name));
    seenNames.add(name);
  }
  const image = str(c.image);
  if (image === "") errs.push(fieldErrors.required(`${path}.image`, ""));
  else if (image.trim() !== image) {
    errs.push(
      fieldErrors.invalid(`${path}.image`, image, "must not have leading or trailing whitespace"),
    );
  }
  if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(str(c.imagePullPolicy))) {
    errs.push(
      fieldErrors.notSupported(`${path}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES),
    );
  }
  if (
    c.terminationMessagePolicy !== undefined &&
    !TERMINATION_MESSAGE_POLICIES.includes(str(c.terminationMessagePolicy))
  ) {
    errs.push(
      fieldErrors.notSupported(
        `${path}.terminationMessagePolicy`,
        c.terminationMessagePolicy,
        TERMINATION_MESSAGE_POLICIES,
      ),
    );
  }
  const portNames = new Set<string>();
  arr(c.ports).forEach((rawPort, i) => {
    const p = obj(rawPort);
    const pp = `${path}.ports[${i}]`;
    const pname = str(p.name);
    if (pname !== "") {
      for (const m of isValidPortName(pname))
        errs.push(fieldErrors.invalid(`${pp}.name`, pname, m));
      if (portNames.has(pname)) errs.push(fieldErrors.duplicate(`${pp}.name`, pname));
      portNames.add(pname);
    }
    if (p.containerPort === undefined || p.containerPort === 0) {
      errs.push(fieldErrors.required(`${pp}.containerPort`, ""));
    } else {
      for (const m of isValidPortNum(Number(p.containerPort))) {
        errs.push(fieldErrors.invalid(`${pp}.containerPort`, p.containerPort, m));
      }
    }
    if (p.hostPort !== undefined && p.hostPort !== 0) {
      for (const m of isValidPortNum(Number(p.hostPort))) {
        errs.push(fieldErrors.invalid(`${pp}.hostPort`, p.hostPort, m));
      }
    }
    if (p.protocol !== undefined && !PROTOCOLS.includes(str(p.protocol))) {
      errs.push(fieldErrors.notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS));
    }
  });
  arr(c.env).forEach((rawEnv, i) => {
    const e = obj(rawEnv);
    const ep = `${path}.env[${i}]`;
    const ename = str(e.name);
    if (ename === "") errs.push(fieldErrors.required(`${ep}.name`, ""));
    else if (!new RegExp(`^${ENV_VAR_FMT}$`).test(ename)) {
      errs.push(
        fieldErrors.invalid(
          `${ep}.name`,
          ename,
          regexError(ENV_VAR_ERR, ENV_VAR_FMT, "my.env-name", "MY_ENV.NAME", "MyEnvName1"),
        ),
      );
    }
  });
  const mountPaths = new Set<string>();
  arr(c.volumeMounts).forEach((rawMount, i) => {
    const m = obj(rawMount);
    const mp = `${path}.volumeMounts[${i}]`;
    const mname = str(m.name);
    if (mname === "") errs.push(fieldErrors.required(`${mp}.name`, ""));
    else if (!volumeNames.has(mname)) errs.push(fieldErrors.notFound(`${mp}.name`, mname));
    const mpath = str(m.mountPath);
    if (mpath === "") errs.push(fieldErrors.required(`${mp}.mountPath`, ""));
    else if (mountPaths.has(mpath))
      errs.push(fieldErrors.invalid(`${mp}.mountPath`, mpath, "must be unique"));
    mountPaths.add(mpath);
  });
  errs.push(...validateResources(c.resources, `${path}.resources`));
  return errs;
}

function validateVolumes(
  volumes: unknown[],
  path: string,
): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  volumes.forEach((raw, i) => {
    const v = obj(raw);
    const vp = `${path}[${i}]`;
    const name = str(v.name);
    if (name === "") errs.push(fieldErrors.required(`${vp}.name`, ""));
    else {
      for (const m of isDNS1123Label(name)) errs.push(fieldErrors.invalid(`${vp}.name`, name, m));
      if (names.has(name)) errs.push(fieldErrors.duplicate(`${vp}.name`, name));
      names.add(name);
    }
    const sources = VOLUME_SOURCES.filter((s) => v[s] !== undefined && v[s] !== null);
    if (sources.length === 0) errs.push(fieldErrors.required(vp, "must specify a volume type"));
    for (const extra of sources.slice(1)) {
      errs.push(fieldErrors.forbidden(`${vp}.${extra}`, "may not specify more than 1 volume type"));
    }
    if (
      v.persistentVolumeClaim !== undefined &&
      str(obj(v.persistentVolumeClaim).claimName) === ""
    ) {
      errs.push(fieldErrors.required(`${vp}.persistentVolumeClaim.claimName`, ""));
    }
  });
  return { errs, names };
}

function validateTolerations(tolerations: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((raw, i) => {
    const t = obj(raw);
    const tp = `${path}[${i}]`;
    const key = str(t.key);
    const op = str(t.operator);
    if (key !== "") {
      for (const m of isQualifiedName(key)) errs.push(fieldErrors.invalid(`${tp}.key`, key, m));
    }
    if (key === "" && op !== "Exists") {
      errs.push(
        fieldErrors.invalid(
          `${tp}.operator`,
          op,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") {
      errs.push(
        fieldErrors.invalid(
          `${tp}.effect`,
          str(t.effect),
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    }
    // An empty operator means Equal.
    if (op === "" || op === "Equal") {
      const msgs = isValidLabelValue(str(t.value));
      if (msgs.length > 0)
        errs.push(fieldErrors.invalid(`${tp}.operator`, str(t.value), msgs.join(";")));
    } else if (op === "Exists") {
      if (str(t.value) !== "") {
        errs.push(
          fieldErrors.invalid(
            `${tp}.operator`,
            t,
            "value must be empty when `operator` is 'Exists'",
          ),
        );
      }
    } else {
      errs.push(fieldErrors.notSupported(`${tp}.operator`, op, TOLERATION_OPERATORS));
    }
    if (str(t.effect) !== "") errs.push(...validateTaintEffect(str(t.effect), `${tp}.effect`));
  });
  return errs;
}

/** validateTaintEffect: the three effects, in upstream order. */
export function validateTaintEffect(effect: string, path: string): FieldError[] {
  if (effect === "") return [fieldErrors.required(path, "")];
  return TAINT_EFFECTS.includes(effect)
    ? []
    : [fieldErrors.notSupported(path, effect, TAINT_EFFECTS)];
}

/** ValidatePodSpec for a spec at `path` ("spec" or "spec.template.spec"). */
export function validatePodSpec(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const vols = validateVolumes(arr(spec.volumes), `${path}.volumes`);
  errs.push(...vols.errs);
  const containers = arr(spec.containers);
  if (containers.length === 0) errs.push(fieldErrors.required(`${path}.containers`, ""));
  const seen = new Set<string>();
  arr(spec.initContainers).forEach((c, i) =>
    errs.push(...validateContainer(obj(c), `${path}.initContainers[${i}]`, vols.names, seen)),
  );
  containers.forEach((c, i) =>
    errs.push(...validateContainer(obj(c), `${path}.containers[${i}]`, vols.names, seen)),
  );
  if (spec.restartPolicy !== undefined && !RESTART_POLICIES.includes(str(spec.restartPolicy))) {
    errs.push(
      fieldErrors.notSupported(`${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES),
    );
  }
  if (spec.dnsPolicy !== undefined && !DNS_POLICIES.includes(str(spec.dnsPolicy))) {
    errs.push(fieldErrors.notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  }
  errs.push(
    ...nonNegative(spec.terminationGracePeriodSeconds, `${path}.terminationGracePeriodSeconds`),
  );
  if (typeof spec.activeDeadlineSeconds === "number" && spec.activeDeadlineSeconds <= 0) {
    errs.push(
      fieldErrors.invalid(
        `${path}.activeDeadlineSeconds`,
        spec.activeDeadlineSeconds,
        "must be between 1 and 2147483647, inclusive",
      ),
    );
  }
  for (const field of ["nodeName", "serviceAccountName"] as const) {
    const v = str(spec[field]);
    if (v !== "")
      for (const m of isDNS1123Subdomain(v))
        errs.push(fieldErrors.invalid(`${path}.${field}`, v, m));
  }
  const hostname = str(spec.hostname);
  if (hostname !== "")
    for (const m of isDNS1123Label(hostname))
      errs.push(fieldErrors.invalid(`${path}.hostname`, hostname, m));
  errs.push(
    ...validateLabels(obj(spec.nodeSelector) as Record<string, string>, `${path}.nodeSelector`),
  );
  errs.push(...validateTolerations(arr(spec.tolerations), `${path}.tolerations`));
  return errs;
}

export function validatePod(pod: KubeObject): FieldError[] {
  return [
    ...validateObjectMeta(pod.metadata, true, isDNS1123Subdomain),
    ...validatePodSpec(obj(pod.spec), "spec"),
  ];
}

/** A pod template inside a controller: labels/annotations plus the pod spec. */
export function validatePodTemplateSpec(template: unknown, path: string): FieldError[] {
  const t = obj(template);
  const meta = obj(t.metadata);
  return [
    ...validateLabels(meta.labels as Record<string, string> | undefined, `${path}.metadata.labels`),
    ...validateAnnotations(
      meta.annotations as Record<string, string> | undefined,
      `${path}.metadata.annotations`,
    ),
    ...validatePodSpec(obj(t.spec), `${path}.spec`),
  ];
}
