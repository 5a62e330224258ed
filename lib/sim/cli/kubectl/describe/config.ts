// describe configmap, secret, serviceaccount, namespace, resourcequota,
// limitrange and persistentvolumeclaim (k8s.io/kubectl/pkg/describe).

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import { formatQuantity, parseQuantity } from "../../../quantity/quantity";
import type { DescribeContext } from "./context";
import {
  annotationsMultiline,
  describeEvents,
  labelsMultiline,
  PrefixWriter,
  rfc1123z,
  since,
} from "./writer";

const sortedKeys = (o: Record<string, unknown> | undefined) => Object.keys(o ?? {}).sort();
const qty = (v: unknown) => {
  if (v === undefined) return "0";
  try {
    return formatQuantity(parseQuantity(String(v)));
  } catch {
    return String(v);
  }
};

function header(w: PrefixWriter, o: any, namespace = true) {
  w.write(0, `Name:\t${o.metadata.name}\n`);
  if (namespace) w.write(0, `Namespace:\t${o.metadata.namespace}\n`);
  labelsMultiline(w, "Labels", o.metadata.labels);
  annotationsMultiline(w, "Annotations", o.metadata.annotations);
}

export async function describeConfigMap(cm: any, d: DescribeContext): Promise<string> {
  const events = await d.events(cm);
  const w = new PrefixWriter();
  header(w, cm);
  w.write(0, "\nData\n====\n");
  for (const k of sortedKeys(cm.data)) w.write(0, `${k}:\n----\n${cm.data[k]}\n`);
  w.write(0, "\nBinaryData\n====\n");
  for (const k of sortedKeys(cm.binaryData))
    w.write(0, `${k}: ${Buffer.from(String(cm.binaryData[k]), "base64").length} bytes\n`);
  w.write(0, "\n");
  describeEvents(w, events, d.now);
  return w.toString();
}

export async function describeSecret(secret: any): Promise<string> {
  const w = new PrefixWriter();
  header(w, secret);
  w.write(0, `\nType:\t${secret.type ?? ""}\n`);
  w.write(0, "\nData\n====\n");
  for (const k of sortedKeys(secret.data)) {
    const bytes = Buffer.from(String(secret.data[k]), "base64");
    if (k === "token" && secret.type === "kubernetes.io/service-account-token")
      w.write(0, `${k}:\t${bytes.toString("utf8")}\n`);
    else w.write(0, `${k}:\t${bytes.length} bytes\n`);
  }
  return w.toString();
}

export async function describeServiceAccount(sa: any, d: DescribeContext): Promise<string> {
  const [secrets, events] = await Promise.all([
    d.list(`/api/v1/namespaces/${sa.metadata.namespace}/secrets`),
    d.events(sa),
  ]);
  const tokens = secrets
    .filter(
      (s) =>
        s.type === "kubernetes.io/service-account-token" &&
        s.metadata.annotations?.["kubernetes.io/service-account.name"] === sa.metadata.name,
    )
    .map((s) => s.metadata.name as string);
  const w = new PrefixWriter();
  header(w, sa);
  const empty = "                   ";
  const groups: [string, string[]][] = [
    ["Image pull secrets:", (sa.imagePullSecrets ?? []).map((s: any) => s.name)],
    ["Mountable secrets: ", (sa.secrets ?? []).map((s: any) => s.name)],
    ["Tokens:            ", tokens],
  ];
  for (const [title, names] of groups) {
    if (!names.length) w.write(0, `${title}\t<none>\n`);
    else names.forEach((n, i) => w.write(0, `${i ? empty : title}\t${n}\n`));
  }
  describeEvents(w, events, d.now);
  return w.toString();
}

function quotaScopes(w: PrefixWriter, level: number, q: any) {
  const scopes = [...(q.spec?.scopes ?? [])].sort();
  if (scopes.length) w.write(level, `Scopes:\t${scopes.join(", ")}\n`);
}

function limitRangeRows(w: PrefixWriter, lr: any, prefix: string) {
  for (const item of lr.spec?.limits ?? []) {
    const keys = new Set<string>();
    for (const f of ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"])
      for (const k of Object.keys(item[f] ?? {})) keys.add(k);
    for (const k of [...keys].sort()) {
      const v = (f: string) => (item[f]?.[k] !== undefined ? qty(item[f][k]) : "-");
      w.write(
        0,
        `${prefix}${item.type}\t${k}\t${v("min")}\t${v("max")}\t${v("defaultRequest")}\t${v("default")}\t${v("maxLimitRequestRatio")}\n`,
      );
    }
  }
}

export async function describeNamespace(ns: any, d: DescribeContext): Promise<string> {
  const name = ns.metadata.name;
  const [quotas, limits] = await Promise.all([
    d.list(`/api/v1/namespaces/${name}/resourcequotas`),
    d.list(`/api/v1/namespaces/${name}/limitranges`),
  ]);
  const w = new PrefixWriter();
  header(w, ns, false);
  w.write(0, `Status:\t${ns.status?.phase ?? ""}\n`);
  if (ns.status?.conditions?.length) {
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t------------------\t------\t-------\n");
    for (const c of ns.status.conditions)
      w.write(
        1,
        `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ""}\t${c.message ?? ""}\n`,
      );
  }
  w.write(0, "\n");
  if (!quotas.length) w.write(0, "No resource quota.\n");
  else {
    w.write(0, "Resource Quotas\n");
    for (const q of [...quotas].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
      w.write(1, `Name:\t${q.metadata.name}\n`);
      quotaScopes(w, 1, q);
      w.write(1, "Resource\tUsed\tHard\n");
      w.write(1, "--------\t---\t---\n");
      for (const k of sortedKeys(q.status?.hard))
        w.write(1, `${k}\t${qty(q.status?.used?.[k])}\t${qty(q.status.hard[k])}\n`);
    }
  }
  w.write(0, "\n");
  if (!limits.length) w.write(0, "No LimitRange resource.\n");
  else {
    w.write(
      0,
      "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n",
    );
    w.write(
      0,
      " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n",
    );
    for (const lr of limits) limitRangeRows(w, lr, " ");
  }
  return w.toString();
}

export async function describeResourceQuota(q: any): Promise<string> {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${q.metadata.name}\n`);
  w.write(0, `Namespace:\t${q.metadata.namespace}\n`);
  quotaScopes(w, 0, q);
  w.write(0, "Resource\tUsed\tHard\n");
  w.write(0, "--------\t----\t----\n");
  for (const k of sortedKeys(q.status?.hard))
    w.write(0, `${k}\t${qty(q.status?.used?.[k])}\t${qty(q.status.hard[k])}\n`);
  return w.toString();
}

export async function describeLimitRange(lr: any): Promise<string> {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${lr.metadata.name}\n`);
  w.write(0, `Namespace:\t${lr.metadata.namespace}\n`);
  w.write(0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
  w.write(0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
  limitRangeRows(w, lr, "");
  return w.toString();
}

const ACCESS_MODES: Record<string, string> = {
  ReadWriteOnce: "RWO",
  ReadOnlyMany: "ROX",
  ReadWriteMany: "RWX",
  ReadWriteOncePod: "RWOP",
};

export async function describePVC(pvc: any, d: DescribeContext): Promise<string> {
  const [pods, events] = await Promise.all([
    d.list(`/api/v1/namespaces/${pvc.metadata.namespace}/pods`),
    d.events(pvc),
  ]);
  const usedBy = pods
    .filter((p) =>
      (p.spec?.volumes ?? []).some(
        (v: any) => v.persistentVolumeClaim?.claimName === pvc.metadata.name,
      ),
    )
    .map((p) => p.metadata.name as string);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${pvc.metadata.name}\n`);
  w.write(0, `Namespace:\t${pvc.metadata.namespace}\n`);
  w.write(0, `StorageClass:\t${pvc.spec?.storageClassName ?? ""}\n`);
  w.write(
    0,
    pvc.metadata.deletionTimestamp
      ? `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp, d.now)})\n`
      : `Status:\t${pvc.status?.phase ?? ""}\n`,
  );
  w.write(0, `Volume:\t${pvc.spec?.volumeName ?? ""}\n`);
  labelsMultiline(w, "Labels", pvc.metadata.labels);
  annotationsMultiline(w, "Annotations", pvc.metadata.annotations);
  w.write(0, `Finalizers:\t[${(pvc.metadata.finalizers ?? []).join(" ")}]\n`);
  const bound = Boolean(pvc.spec?.volumeName);
  w.write(0, `Capacity:\t${bound ? qty(pvc.status?.capacity?.storage) : ""}\n`);
  w.write(
    0,
    `Access Modes:\t${bound ? (pvc.status?.accessModes ?? []).map((m: string) => ACCESS_MODES[m] ?? m).join(",") : ""}\n`,
  );
  if (pvc.spec?.volumeMode) w.write(0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
  w.write(0, `Used By:\t${usedBy.length ? usedBy.join("\n\t") : "<none>"}\n`);
  describeEvents(w, events, d.now);
  return w.toString();
}
