// Per-kind defaulting as Kubernetes 1.28 applies it while decoding (core/v1, apps/v1, batch/v1,
// networking/v1, storage/v1, scheduling/v1 defaults.go). Pure: returns a defaulted copy.
import type { KubeObject } from "../object";
import type { ResourceInfo } from "../resources/resource-info";
import { effectiveContainerDefaults } from "./limit-ranger";
import { defaultPod, defaultPodTemplate } from "./pod-defaults";
import { arr, clone, ensureObj, isObj, obj, setDefault, type Obj } from "./util";

type Defaulter = (o: Obj) => void;

const replicas1: Defaulter = (o) => setDefault(ensureObj(o, "spec"), "replicas", 1);

const DEFAULTERS: Record<string, Defaulter> = {
  "/Pod": defaultPod,
  "/Service": (o) => {
    const spec = ensureObj(o, "spec");
    setDefault(spec, "type", "ClusterIP");
    setDefault(spec, "sessionAffinity", "None");
    for (const p of arr(spec.ports)) {
      if (!isObj(p)) continue;
      setDefault(p, "protocol", "TCP");
      if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === "")
        p.targetPort = p.port;
    }
    if (spec.type !== "ExternalName") {
      setDefault(spec, "internalTrafficPolicy", "Cluster");
      if (spec.type === "NodePort" || spec.type === "LoadBalancer")
        setDefault(spec, "externalTrafficPolicy", "Cluster");
    }
  },
  "/Namespace": (o) => {
    // NamespaceDefaultLabelName (GA since 1.22): every namespace carries its own name as a label.
    const meta = ensureObj(o, "metadata");
    const labels = ensureObj(meta, "labels");
    if (typeof meta.name === "string") labels["kubernetes.io/metadata.name"] = meta.name;
    setDefault(ensureObj(o, "status"), "phase", "Active");
  },
  "/Secret": (o) => setDefault(o, "type", "Opaque"),
  "/LimitRange": (o) => {
    for (const item of arr(obj(o.spec).limits)) {
      if (!isObj(item) || item.type !== "Container") continue;
      const d = effectiveContainerDefaults(item);
      item.default = d.limits;
      item.defaultRequest = d.requests;
    }
  },
  "/PersistentVolumeClaim": (o) => setDefault(ensureObj(o, "spec"), "volumeMode", "Filesystem"),
  "/PersistentVolume": (o) => {
    const spec = ensureObj(o, "spec");
    setDefault(spec, "persistentVolumeReclaimPolicy", "Retain");
    setDefault(spec, "volumeMode", "Filesystem");
    setDefault(ensureObj(o, "status"), "phase", "Pending");
  },
  "/Endpoints": (o) => {
    for (const s of arr(o.subsets))
      for (const p of arr(obj(s).ports)) if (isObj(p)) setDefault(p, "protocol", "TCP");
  },
  "discovery.k8s.io/EndpointSlice": (o) => {
    for (const p of arr(o.ports)) if (isObj(p)) setDefault(p, "protocol", "TCP");
  },
  "apps/Deployment": (o) => {
    const spec = ensureObj(o, "spec");
    setDefault(spec, "replicas", 1);
    const strategy = ensureObj(spec, "strategy");
    setDefault(strategy, "type", "RollingUpdate");
    if (strategy.type === "RollingUpdate") {
      const ru = ensureObj(strategy, "rollingUpdate");
      setDefault(ru, "maxUnavailable", "25%");
      setDefault(ru, "maxSurge", "25%");
    }
    setDefault(spec, "revisionHistoryLimit", 10);
    setDefault(spec, "progressDeadlineSeconds", 600);
    defaultPodTemplate(spec.template);
  },
  "apps/ReplicaSet": (o) => {
    replicas1(o);
    defaultPodTemplate(obj(o.spec).template);
  },
  "apps/DaemonSet": (o) => {
    const spec = ensureObj(o, "spec");
    const us = ensureObj(spec, "updateStrategy");
    setDefault(us, "type", "RollingUpdate");
    if (us.type === "RollingUpdate") {
      const ru = ensureObj(us, "rollingUpdate");
      setDefault(ru, "maxUnavailable", 1);
      if (ru.maxSurge === undefined) ru.maxSurge = 0;
    }
    setDefault(spec, "revisionHistoryLimit", 10);
    defaultPodTemplate(spec.template);
  },
  "apps/StatefulSet": (o) => {
    const spec = ensureObj(o, "spec");
    setDefault(spec, "replicas", 1);
    setDefault(spec, "podManagementPolicy", "OrderedReady");
    const us = ensureObj(spec, "updateStrategy");
    setDefault(us, "type", "RollingUpdate");
    if (us.type === "RollingUpdate") {
      const ru = ensureObj(us, "rollingUpdate");
      if (ru.partition === undefined) ru.partition = 0;
    }
    setDefault(spec, "revisionHistoryLimit", 10);
    const retention = ensureObj(spec, "persistentVolumeClaimRetentionPolicy");
    setDefault(retention, "whenDeleted", "Retain");
    setDefault(retention, "whenScaled", "Retain");
    defaultPodTemplate(spec.template);
  },
  "batch/Job": (o) => {
    const spec = ensureObj(o, "spec");
    if (spec.completions === undefined && spec.parallelism === undefined) {
      spec.completions = 1;
      spec.parallelism = 1;
    }
    setDefault(spec, "parallelism", 1);
    setDefault(spec, "backoffLimit", 6);
    setDefault(spec, "completionMode", "NonIndexed");
    if (spec.suspend === undefined) spec.suspend = false;
    defaultPodTemplate(spec.template);
  },
  // SetDefaults_CronJob; the job template gets only its pod template's defaults (the Job-level
  // ones, backoffLimit and the like, are SetDefaults_Job's and apply to Jobs, not templates).
  "batch/CronJob": (o) => {
    const spec = ensureObj(o, "spec");
    setDefault(spec, "concurrencyPolicy", "Allow");
    setDefault(spec, "suspend", false);
    setDefault(spec, "successfulJobsHistoryLimit", 3);
    setDefault(spec, "failedJobsHistoryLimit", 1);
    defaultPodTemplate(obj(obj(spec.jobTemplate).spec).template);
  },
  "networking.k8s.io/NetworkPolicy": (o) => {
    const spec = ensureObj(o, "spec");
    for (const dir of ["ingress", "egress"]) {
      for (const rule of arr(spec[dir]))
        for (const p of arr(obj(rule).ports)) if (isObj(p)) setDefault(p, "protocol", "TCP");
    }
    if (spec.policyTypes === undefined) {
      spec.policyTypes = arr(spec.egress).length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
    }
  },
  "scheduling.k8s.io/PriorityClass": (o) =>
    setDefault(o, "preemptionPolicy", "PreemptLowerPriority"),
  "storage.k8s.io/StorageClass": (o) => {
    setDefault(o, "reclaimPolicy", "Delete");
    setDefault(o, "volumeBindingMode", "Immediate");
  },
};

/**
 * Filled by the REST storage (PrepareForCreate, the service IP allocator), not while decoding:
 * the field manager, which runs between the two, does not record them for the request's manager.
 */
const STORAGE_DEFAULTERS: Record<string, Defaulter> = {
  "/Service": (o) => {
    const spec = ensureObj(o, "spec");
    if (spec.type === "ExternalName") return;
    // The service REST storage fills the IP family fields on a single-stack IPv4 cluster.
    setDefault(spec, "ipFamilyPolicy", "SingleStack");
    if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ["IPv4"];
  },
  "/Namespace": (o) => setDefault(ensureObj(o, "spec"), "finalizers", ["kubernetes"]),
};

/** Whether applyDefaults only copies objects of this kind (no defaulter, at decode or in storage). */
export function hasNoDefaults(info: Pick<ResourceInfo, "group" | "kind">): boolean {
  // Asked several times per request with the registry's (unchanging) entries: the answer is
  // kept per entry rather than building and hashing the "group/kind" key every time.
  let known = noDefaults.get(info);
  if (known === undefined) {
    const key = `${info.group}/${info.kind}`;
    known = DEFAULTERS[key] === undefined && STORAGE_DEFAULTERS[key] === undefined;
    noDefaults.set(info, known);
  }
  return known;
}
const noDefaults = new WeakMap<object, boolean>();

/**
 * Applies the kind's defaults to a copy of `obj`. Kinds without defaults are returned copied.
 * `decodeOnly`: only the scheme's defaults, as the request decoder applies them.
 */
export function applyDefaults(
  object: KubeObject,
  info: Pick<ResourceInfo, "group" | "kind">,
  opts: { decodeOnly?: boolean } = {},
): KubeObject {
  const out = clone(object);
  const key = `${info.group}/${info.kind}`;
  DEFAULTERS[key]?.(out as unknown as Obj);
  if (!opts.decodeOnly) STORAGE_DEFAULTERS[key]?.(out as unknown as Obj);
  return out;
}

/**
 * The Job strategy's PrepareForCreate: without manualSelector, the selector and template labels
 * are generated from the Job's uid (both the batch.kubernetes.io/ and the legacy label keys).
 */
export function generateJobSelector(job: KubeObject, uid: string): KubeObject {
  const out = clone(job);
  const spec = ensureObj(out as unknown as Obj, "spec");
  if (spec.manualSelector === true) return out;
  const name = out.metadata.name ?? "";
  const tmeta = ensureObj(ensureObj(spec, "template"), "metadata");
  const labels = ensureObj(tmeta, "labels");
  labels["batch.kubernetes.io/controller-uid"] = uid;
  labels["batch.kubernetes.io/job-name"] = name;
  labels["controller-uid"] = uid;
  labels["job-name"] = name;
  spec.selector = { matchLabels: { "batch.kubernetes.io/controller-uid": uid } };
  return out;
}
