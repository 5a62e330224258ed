// ConfigMap and Secret rules: data keys, size, `immutable`, and Secret type constraints.
import type { KubeObject } from "../object";
import { fieldErrors, type FieldError } from "./field-error";
import { isConfigMapKey, isDNS1123Subdomain } from "./names";
import { validateObjectMeta } from "./object-meta";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};

/** core.MaxSecretSize, which also bounds ConfigMaps. */
export const MAX_DATA_SIZE = 1 * 1024 * 1024;

const base64Length = (s: string) => Math.floor((s.replace(/=+$/, "").length * 3) / 4);

export function validateConfigMap(cm: KubeObject): FieldError[] {
  const errs = [...validateObjectMeta(cm.metadata, true, isDNS1123Subdomain)];
  let total = 0;
  const data = obj(cm.data);
  const binary = obj(cm.binaryData);
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(fieldErrors.invalid(`data[${k}]`, k, m));
    total += String(v).length;
  }
  for (const [k, v] of Object.entries(binary)) {
    for (const m of isConfigMapKey(k)) errs.push(fieldErrors.invalid(`binaryData[${k}]`, k, m));
    if (k in data)
      errs.push(fieldErrors.invalid(`binaryData[${k}]`, k, "duplicate of key present in data"));
    total += base64Length(String(v));
  }
  if (total > MAX_DATA_SIZE) errs.push(fieldErrors.tooLong("", "", MAX_DATA_SIZE));
  return errs;
}

const stable = (v: unknown) => JSON.stringify(v ?? {}, Object.keys(obj(v)).sort());

export function validateConfigMapUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (prev.immutable === true) {
    if (next.immutable !== true) {
      errs.push(fieldErrors.forbidden("immutable", "field is immutable when `immutable` is set"));
    }
    if (stable(next.data) !== stable(prev.data)) {
      errs.push(fieldErrors.forbidden("data", "field is immutable when `immutable` is set"));
    }
    if (stable(next.binaryData) !== stable(prev.binaryData)) {
      errs.push(fieldErrors.forbidden("binaryData", "field is immutable when `immutable` is set"));
    }
  }
  return errs;
}

export function validateSecret(secret: KubeObject): FieldError[] {
  const errs = [...validateObjectMeta(secret.metadata, true, isDNS1123Subdomain)];
  let total = 0;
  const data = obj(secret.data);
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(fieldErrors.invalid(`data[${k}]`, k, m));
    total += base64Length(String(v));
  }
  if (total > MAX_DATA_SIZE) errs.push(fieldErrors.tooLong("data", "", MAX_DATA_SIZE));
  const type = secret.type ?? "Opaque";
  const annotations = secret.metadata.annotations ?? {};
  if (
    type === "kubernetes.io/service-account-token" &&
    !annotations["kubernetes.io/service-account.name"]
  ) {
    errs.push(fieldErrors.required("metadata.annotations[kubernetes.io/service-account.name]", ""));
  }
  if (type === "kubernetes.io/dockerconfigjson" && data[".dockerconfigjson"] === undefined) {
    errs.push(fieldErrors.required("data[.dockerconfigjson]", ""));
  }
  if (type === "kubernetes.io/tls") {
    for (const key of ["tls.key", "tls.crt"]) {
      if (data[key] === undefined) errs.push(fieldErrors.required(`data[${key}]`, ""));
    }
  }
  return errs;
}

export function validateSecretUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if ((next.type ?? "Opaque") !== (prev.type ?? "Opaque")) {
    errs.push(fieldErrors.invalid("type", next.type ?? "", "field is immutable"));
  }
  if (prev.immutable === true) {
    if (next.immutable !== true)
      errs.push(fieldErrors.forbidden("immutable", "field is immutable when `immutable` is set"));
    if (stable(next.data) !== stable(prev.data))
      errs.push(fieldErrors.forbidden("data", "field is immutable when `immutable` is set"));
  }
  return errs;
}
