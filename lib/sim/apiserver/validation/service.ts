// core/v1 Service rules (ValidateService / ValidateServiceUpdate in pkg/apis/core/validation).
import type { KubeObject } from "../object";
import { fieldErrors, type FieldError } from "./field-error";
import { isDNS1035Label, isDNS1123Label, isValidPortName, isValidPortNum } from "./names";
import { validateLabels, validateObjectMeta } from "./object-meta";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const AFFINITIES = ["ClientIP", "None"];

export function validateService(svc: KubeObject): FieldError[] {
  const spec = obj(svc.spec);
  const errs = [...validateObjectMeta(svc.metadata, true, isDNS1035Label)];
  const type = spec.type ?? "ClusterIP";
  const headless = spec.clusterIP === "None";
  if (!SERVICE_TYPES.includes(String(type))) {
    errs.push(fieldErrors.notSupported("spec.type", type, SERVICE_TYPES));
  }
  const ports = arr(spec.ports);
  if (ports.length === 0 && !headless && type !== "ExternalName") {
    errs.push(fieldErrors.required("spec.ports", ""));
  }
  const names = new Set<string>();
  ports.forEach((raw, i) => {
    const p = obj(raw);
    const pp = `spec.ports[${i}]`;
    const name = typeof p.name === "string" ? p.name : "";
    if (ports.length > 1 && name === "") errs.push(fieldErrors.required(`${pp}.name`, ""));
    if (name !== "") {
      // validateServicePort checks a DNS-1123 label (may start with a digit: "80-80" is what
      // `kubectl create service clusterip x --tcp=80:80` names it); the Service's own name is DNS-1035.
      for (const m of isDNS1123Label(name)) errs.push(fieldErrors.invalid(`${pp}.name`, name, m));
      if (names.has(name)) errs.push(fieldErrors.duplicate(`${pp}.name`, name));
      names.add(name);
    }
    for (const m of isValidPortNum(Number(p.port)))
      errs.push(fieldErrors.invalid(`${pp}.port`, p.port ?? 0, m));
    if (p.protocol !== undefined && !PROTOCOLS.includes(String(p.protocol))) {
      errs.push(fieldErrors.notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS));
    }
    if (typeof p.targetPort === "number") {
      for (const m of isValidPortNum(p.targetPort))
        errs.push(fieldErrors.invalid(`${pp}.targetPort`, p.targetPort, m));
    } else if (typeof p.targetPort === "string") {
      for (const m of isValidPortName(p.targetPort))
        errs.push(fieldErrors.invalid(`${pp}.targetPort`, p.targetPort, m));
    }
    if (
      p.nodePort !== undefined &&
      type !== "NodePort" &&
      type !== "LoadBalancer" &&
      p.nodePort !== 0
    ) {
      errs.push(
        fieldErrors.forbidden(`${pp}.nodePort`, "may not be used when `type` is 'ClusterIP'"),
      );
    }
  });
  if (spec.sessionAffinity !== undefined && !AFFINITIES.includes(String(spec.sessionAffinity))) {
    errs.push(fieldErrors.notSupported("spec.sessionAffinity", spec.sessionAffinity, AFFINITIES));
  }
  if (type === "ExternalName" && !spec.externalName) {
    errs.push(fieldErrors.required("spec.externalName", ""));
  }
  errs.push(...validateLabels(obj(spec.selector) as Record<string, string>, "spec.selector"));
  // The strategy mirrors clusterIP into clusterIPs, so a bad address is reported on clusterIPs.
  const ips =
    arr(spec.clusterIPs).length > 0 ? arr(spec.clusterIPs) : spec.clusterIP ? [spec.clusterIP] : [];
  ips.forEach((ip, i) => {
    if (ip === "None" || ip === "") return;
    if (typeof ip !== "string" || !isIPv4(ip)) {
      errs.push(
        fieldErrors.invalid(
          `spec.clusterIPs[${i}]`,
          ip,
          "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
        ),
      );
    }
  });
  return errs;
}

// The simulated clusters are single-stack IPv4.
function isIPv4(ip: string): boolean {
  const parts = ip.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** clusterIP(s) may not change once allocated (unless switching to/from ExternalName). */
export function validateServiceUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const n = obj(next.spec);
  const p = obj(prev.spec);
  const errs: FieldError[] = [];
  if (p.type === "ExternalName" || n.type === "ExternalName") return errs;
  const oldIP = typeof p.clusterIP === "string" ? p.clusterIP : "";
  const newIP = typeof n.clusterIP === "string" ? n.clusterIP : "";
  // An empty clusterIP on update means "keep" (admission restores it before validation).
  if (oldIP !== "" && newIP !== "" && newIP !== oldIP) {
    errs.push(
      fieldErrors.invalid(
        "spec.clusterIPs[0]",
        arr(n.clusterIPs).length > 0 ? n.clusterIPs : [newIP],
        "may not change once set",
      ),
    );
  }
  return errs;
}
