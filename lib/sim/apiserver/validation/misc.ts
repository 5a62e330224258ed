// The remaining kinds: mostly metadata rules plus the few spec rules learners run into
// (PVC access modes and size, PV source, CRD naming, PriorityClass value, EndpointSlice type...).
import type { KubeObject } from "../object";
import { fieldErrors, GoRepr, type FieldError } from "./field-error";
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidPortName,
  isValidPortNum,
} from "./names";
import { validateObjectMeta } from "./object-meta";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
const PV_SOURCES = [
  "hostPath",
  "gcePersistentDisk",
  "awsElasticBlockStore",
  "nfs",
  "iscsi",
  "glusterfs",
  "rbd",
  "flexVolume",
  "cinder",
  "cephfs",
  "flocker",
  "fc",
  "azureFile",
  "vsphereVolume",
  "quobyte",
  "azureDisk",
  "photonPersistentDisk",
  "portworxVolume",
  "scaleIO",
  "storageos",
  "csi",
  "local",
];

export function validateNamespace(ns: KubeObject): FieldError[] {
  return validateObjectMeta(ns.metadata, false, isDNS1123Label);
}

function validateAccessModes(modes: unknown[], path: string, required: string): FieldError[] {
  if (modes.length === 0) return [fieldErrors.required(path, required)];
  return modes
    .filter((m) => !ACCESS_MODES.includes(String(m)))
    .map((m) => fieldErrors.notSupported(path, m, ACCESS_MODES));
}

export function validatePersistentVolumeClaim(pvc: KubeObject): FieldError[] {
  const spec = obj(pvc.spec);
  const errs = [...validateObjectMeta(pvc.metadata, true, isDNS1123Subdomain)];
  errs.push(
    ...validateAccessModes(
      arr(spec.accessModes),
      "spec.accessModes",
      "at least 1 access mode is required",
    ),
  );
  if (obj(obj(spec.resources).requests).storage === undefined) {
    errs.push(fieldErrors.required("spec.resources[storage]", ""));
  }
  return errs;
}

export function validatePersistentVolumeClaimUpdate(
  next: KubeObject,
  prev: KubeObject,
): FieldError[] {
  const strip = (o: KubeObject) => {
    const spec = { ...obj(o.spec) };
    delete spec.resources;
    if (!obj(prev.spec).volumeName) delete spec.volumeName;
    return JSON.stringify(spec, Object.keys(spec).sort());
  };
  return strip(next) !== strip(prev)
    ? [
        fieldErrors.forbidden(
          "spec",
          "spec is immutable after creation except resources.requests for bound claims",
        ),
      ]
    : [];
}

export function validatePersistentVolume(pv: KubeObject): FieldError[] {
  const spec = obj(pv.spec);
  const errs = [...validateObjectMeta(pv.metadata, false, isDNS1123Subdomain)];
  errs.push(...validateAccessModes(arr(spec.accessModes), "spec.accessModes", ""));
  if (spec.capacity === undefined) errs.push(fieldErrors.required("spec.capacity", ""));
  const sources = PV_SOURCES.filter((s) => spec[s] !== undefined);
  if (sources.length === 0) errs.push(fieldErrors.required("spec", "must specify a volume type"));
  for (const extra of sources.slice(1)) {
    errs.push(fieldErrors.forbidden(`spec.${extra}`, "may not specify more than 1 volume type"));
  }
  return errs;
}

export function validatePriorityClass(pc: KubeObject): FieldError[] {
  const errs = [...validateObjectMeta(pc.metadata, false, isDNS1123Subdomain)];
  if (typeof pc.value !== "number") errs.push(fieldErrors.required("value", ""));
  const pp = pc.preemptionPolicy;
  if (pp !== undefined && pp !== "PreemptLowerPriority" && pp !== "Never") {
    errs.push(fieldErrors.notSupported("preemptionPolicy", pp, ["Never", "PreemptLowerPriority"]));
  }
  return errs;
}

export function validatePriorityClassUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (next.value !== prev.value)
    errs.push(fieldErrors.forbidden("value", "may not be changed in an update."));
  if ((next.preemptionPolicy ?? "") !== (prev.preemptionPolicy ?? "")) {
    errs.push(
      fieldErrors.invalid("preemptionPolicy", next.preemptionPolicy ?? "", "field is immutable"),
    );
  }
  return errs;
}

export function validateEndpointSlice(es: KubeObject): FieldError[] {
  const errs = [...validateObjectMeta(es.metadata, true, isDNS1123Subdomain)];
  const types = ["FQDN", "IPv4", "IPv6"];
  if (es.addressType === undefined) errs.push(fieldErrors.required("addressType", ""));
  else if (!types.includes(String(es.addressType)))
    errs.push(fieldErrors.notSupported("addressType", es.addressType, types));
  return errs;
}

export function validateNetworkPolicy(np: KubeObject): FieldError[] {
  const errs = [...validateObjectMeta(np.metadata, true, isDNS1123Subdomain)];
  arr(obj(np.spec).policyTypes).forEach((t, i) => {
    if (t !== "Ingress" && t !== "Egress") {
      errs.push(fieldErrors.notSupported(`spec.policyTypes[${i}]`, t, ["Ingress", "Egress"]));
    }
  });
  return errs;
}

// validateIngressBackend (networking validation, 1.28).
function validateIngressBackend(backend: unknown, path: string): FieldError[] {
  const b = obj(backend);
  const hasResource = b.resource !== undefined;
  const hasService = b.service !== undefined;
  if (hasResource && hasService) {
    return [fieldErrors.invalid(path, "", "cannot set both resource and service backends")];
  }
  if (hasResource) return [];
  if (!hasService)
    return [fieldErrors.invalid(path, "", "resource or service backend is required")];
  const errs: FieldError[] = [];
  const svc = obj(b.service);
  const name = typeof svc.name === "string" ? svc.name : "";
  if (name === "") errs.push(fieldErrors.required(`${path}.service.name`, ""));
  else
    for (const m of isDNS1035Label(name))
      errs.push(fieldErrors.invalid(`${path}.service.name`, name, m));
  const port = obj(svc.port);
  const portName = typeof port.name === "string" ? port.name : "";
  const portNumber = typeof port.number === "number" ? port.number : 0;
  if (portName !== "" && portNumber !== 0) {
    errs.push(fieldErrors.invalid(path, "", "cannot set both port name & port number"));
  } else if (portName !== "") {
    for (const m of isValidPortName(portName))
      errs.push(fieldErrors.invalid(`${path}.service.port.name`, portName, m));
  } else if (portNumber !== 0) {
    for (const m of isValidPortNum(portNumber))
      errs.push(fieldErrors.invalid(`${path}.service.port.number`, portNumber, m));
  } else {
    errs.push(fieldErrors.required(path, "port name or number is required"));
  }
  return errs;
}

export function validateIngress(ing: KubeObject): FieldError[] {
  const errs = [...validateObjectMeta(ing.metadata, true, isDNS1123Subdomain)];
  const spec = obj(ing.spec);
  const rules = arr(spec.rules);
  if (rules.length === 0 && spec.defaultBackend === undefined) {
    const shown = Array.isArray(spec.rules)
      ? "[]networking.IngressRule{}"
      : "[]networking.IngressRule(nil)";
    errs.push(
      fieldErrors.invalid(
        "spec",
        new GoRepr(shown),
        "either `defaultBackend` or `rules` must be specified",
      ),
    );
  }
  if (spec.defaultBackend !== undefined)
    errs.push(...validateIngressBackend(spec.defaultBackend, "spec.defaultBackend"));
  const pathTypes = ["Exact", "ImplementationSpecific", "Prefix"];
  rules.forEach((r, i) => {
    arr(obj(obj(r).http).paths).forEach((raw, j) => {
      const p = obj(raw);
      const pp = `spec.rules[${i}].http.paths[${j}]`;
      if (p.pathType === undefined) {
        errs.push(fieldErrors.required(`${pp}.pathType`, "pathType must be specified"));
      } else if (!pathTypes.includes(String(p.pathType))) {
        errs.push(fieldErrors.notSupported(`${pp}.pathType`, p.pathType, pathTypes));
      } else if (p.pathType !== "ImplementationSpecific" && !String(p.path ?? "").startsWith("/")) {
        errs.push(fieldErrors.invalid(`${pp}.path`, p.path ?? "", "must be an absolute path"));
      }
      errs.push(...validateIngressBackend(p.backend, `${pp}.backend`));
    });
  });
  return errs;
}

export function validateCustomResourceDefinition(crd: KubeObject): FieldError[] {
  const errs = [...validateObjectMeta(crd.metadata, false, isDNS1123Subdomain)];
  const spec = obj(crd.spec);
  const names = obj(spec.names);
  const group = typeof spec.group === "string" ? spec.group : "";
  const plural = typeof names.plural === "string" ? names.plural : "";
  if (crd.metadata.name !== `${plural}.${group}`) {
    errs.push(
      fieldErrors.invalid(
        "metadata.name",
        crd.metadata.name ?? "",
        'must be spec.names.plural+"."+spec.group',
      ),
    );
  }
  if (group === "") errs.push(fieldErrors.required("spec.group", ""));
  else if (!group.includes("."))
    errs.push(fieldErrors.invalid("spec.group", group, "should be a domain with at least one dot"));
  if (spec.scope !== "Cluster" && spec.scope !== "Namespaced") {
    errs.push(fieldErrors.notSupported("spec.scope", spec.scope ?? "", ["Cluster", "Namespaced"]));
  }
  if (plural === "") errs.push(fieldErrors.required("spec.names.plural", ""));
  if (!names.kind) errs.push(fieldErrors.required("spec.names.kind", ""));
  const versions = arr(spec.versions).map(obj);
  if (versions.length === 0)
    errs.push(
      fieldErrors.invalid(
        "spec.versions",
        [],
        "must have exactly one version marked as storage version",
      ),
    );
  else if (versions.filter((v) => v.storage === true).length !== 1) {
    errs.push(
      fieldErrors.invalid(
        "spec.versions",
        versions,
        "must have exactly one version marked as storage version",
      ),
    );
  }
  return errs;
}

/** Kinds whose only rule is ObjectMeta with a DNS-subdomain name. */
export function validateMetaOnly(o: KubeObject, namespaced: boolean): FieldError[] {
  return validateObjectMeta(o.metadata, namespaced, isDNS1123Subdomain);
}
