// Defaulting of pods and pod templates (pkg/apis/core/v1/defaults.go, 1.28): what the API server
// fills in while decoding, before admission plugins run.
import { defaultPullPolicy } from "./image";
import { arr, ensureObj, isObj, obj, setDefault, type Obj } from "./util";

const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"];

function defaultProbe(p: Obj): void {
  setDefault(p, "timeoutSeconds", 1);
  setDefault(p, "periodSeconds", 10);
  setDefault(p, "successThreshold", 1);
  setDefault(p, "failureThreshold", 3);
  if (isObj(p.httpGet)) {
    setDefault(p.httpGet, "path", "/");
    setDefault(p.httpGet, "scheme", "HTTP");
  }
}

function defaultContainer(c: Obj): void {
  if (typeof c.image === "string") setDefault(c, "imagePullPolicy", defaultPullPolicy(c.image));
  setDefault(c, "terminationMessagePath", "/dev/termination-log");
  setDefault(c, "terminationMessagePolicy", "File");
  // ResourceRequirements is a struct, not a pointer: it always serializes, as {} when empty.
  ensureObj(c, "resources");
  for (const p of arr(c.ports)) if (isObj(p)) setDefault(p, "protocol", "TCP");
  for (const e of arr(c.env)) {
    const fieldRef = obj(obj(obj(e).valueFrom).fieldRef);
    if (isObj(obj(obj(e).valueFrom).fieldRef)) setDefault(fieldRef, "apiVersion", "v1");
  }
  for (const name of PROBES) if (isObj(c[name])) defaultProbe(c[name]);
}

function defaultVolume(v: Obj): void {
  for (const src of ["configMap", "secret", "projected", "downwardAPI"]) {
    if (isObj(v[src])) setDefault(v[src], "defaultMode", 420);
  }
  if (isObj(v.hostPath)) setDefault(v.hostPath, "type", "");
}

/** SetDefaults_PodSpec + container/volume defaults: shared by pods and templates. */
export function defaultPodSpec(spec: Obj): void {
  setDefault(spec, "dnsPolicy", "ClusterFirst");
  setDefault(spec, "restartPolicy", "Always");
  if (!isObj(spec.securityContext)) spec.securityContext = {};
  setDefault(spec, "terminationGracePeriodSeconds", 30);
  setDefault(spec, "schedulerName", "default-scheduler");
  for (const c of [...arr(spec.initContainers), ...arr(spec.containers)])
    if (isObj(c)) defaultContainer(c);
  for (const v of arr(spec.volumes)) if (isObj(v)) defaultVolume(v);
}

/** SetDefaults_Pod: pod-only defaults on top of the spec's. */
export function defaultPod(pod: Obj): void {
  const spec = ensureObj(pod, "spec");
  defaultPodSpec(spec);
  // Requests default to limits for every resource that has a limit but no request.
  for (const c of [...arr(spec.initContainers), ...arr(spec.containers)]) {
    const res = obj(obj(c).resources);
    if (!isObj(res.limits)) continue;
    const requests = ensureObj(res, "requests");
    for (const [k, v] of Object.entries(res.limits)) if (requests[k] === undefined) requests[k] = v;
  }
  setDefault(spec, "enableServiceLinks", true);
  mirrorServiceAccount(spec);
}

/**
 * The v1 conversion of every PodSpec (pods and templates alike): serviceAccountName comes
 * from the deprecated serviceAccount when only that is set, and is mirrored back into it.
 */
function mirrorServiceAccount(spec: Obj): void {
  const dep = spec.serviceAccount;
  if ((spec.serviceAccountName ?? "") === "" && typeof dep === "string" && dep !== "")
    spec.serviceAccountName = dep;
  if (typeof spec.serviceAccountName === "string" && spec.serviceAccountName !== "") {
    spec.serviceAccount = spec.serviceAccountName;
  }
}

export function defaultPodTemplate(template: unknown): void {
  if (!isObj(template)) return;
  const spec = ensureObj(template, "spec");
  defaultPodSpec(spec);
  mirrorServiceAccount(spec);
}
