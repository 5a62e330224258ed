// LimitRanger admission (plugin/pkg/admission/limitranger, 1.28): default container requests and
// limits from the namespace's LimitRanges, then enforce min / max / maxLimitRequestRatio.
import { newForbidden } from "../errors";
import type { KubeObject } from "../object";
import {
  compareQuantities,
  formatQuantity,
  parseQuantity,
  type Quantity,
} from "../validation/quantity";
import { arr, clone, ensureObj, isObj, obj, type Obj } from "./util";

export const LIMIT_RANGER_ANNOTATION = "kubernetes.io/limit-ranger";

interface LimitItem {
  type?: string;
  max?: Record<string, string>;
  min?: Record<string, string>;
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  maxLimitRequestRatio?: Record<string, string>;
}

const items = (lrs: readonly KubeObject[]): LimitItem[] =>
  lrs.flatMap((lr) => arr(obj(lr.spec).limits).filter(isObj) as LimitItem[]);

/** SetDefaults_LimitRangeItem: what a stored Container item's default/defaultRequest become. */
export function effectiveContainerDefaults(item: LimitItem): {
  limits: Record<string, string>;
  requests: Record<string, string>;
} {
  const limits = { ...(item.default ?? {}) };
  for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in limits)) limits[k] = v;
  const requests = { ...(item.defaultRequest ?? {}) };
  for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
  for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in requests)) requests[k] = v;
  return { limits, requests };
}

/** Mutating half: fill missing container requests/limits and record what was set. */
export function admitLimitRangerDefaults(
  pod: KubeObject,
  limitRanges: readonly KubeObject[],
): KubeObject {
  const containerItems = items(limitRanges).filter((i) => i.type === "Container");
  if (containerItems.length === 0) return pod;
  const out = clone(pod);
  const spec = ensureObj(out as unknown as Obj, "spec");
  const notes: string[] = [];
  const apply = (c: Obj, kind: string) => {
    const res = ensureObj(c, "resources");
    const setLimits: string[] = [];
    const setRequests: string[] = [];
    for (const item of containerItems) {
      const d = effectiveContainerDefaults(item);
      for (const [k, v] of Object.entries(d.limits)) {
        const limits = ensureObj(res, "limits");
        if (limits[k] === undefined) {
          limits[k] = v;
          setLimits.push(k);
        }
      }
      for (const [k, v] of Object.entries(d.requests)) {
        const requests = ensureObj(res, "requests");
        if (requests[k] === undefined) {
          requests[k] = v;
          setRequests.push(k);
        }
      }
    }
    if (setRequests.length > 0)
      notes.push(`${setRequests.sort().join(", ")} request for ${kind} ${String(c.name ?? "")}`);
    if (setLimits.length > 0)
      notes.push(`${setLimits.sort().join(", ")} limit for ${kind} ${String(c.name ?? "")}`);
  };
  for (const c of arr(spec.initContainers)) if (isObj(c)) apply(c, "init container");
  for (const c of arr(spec.containers)) if (isObj(c)) apply(c, "container");
  if (notes.length > 0) {
    out.metadata.annotations = {
      ...(out.metadata.annotations ?? {}),
      [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join("; ")}`,
    };
  }
  return out;
}

type List = Record<string, unknown>;
const q = (v: unknown): Quantity | undefined =>
  typeof v === "string" || typeof v === "number" ? parseQuantity(v) : undefined;

function minConstraint(
  type: string,
  name: string,
  enforcedText: string,
  req: List,
  lim: List,
): string | undefined {
  const enforced = q(enforcedText);
  if (!enforced) return undefined;
  const r = q(req[name]);
  const l = q(lim[name]);
  const e = formatQuantity(enforced);
  if (!r) return `minimum ${name} usage per ${type} is ${e}.  No request is specified`;
  if (compareQuantities(r, enforced) < 0)
    return `minimum ${name} usage per ${type} is ${e}, but request is ${formatQuantity(r)}`;
  if (l && compareQuantities(l, enforced) < 0)
    return `minimum ${name} usage per ${type} is ${e}, but limit is ${formatQuantity(l)}`;
  return undefined;
}

function maxConstraint(
  type: string,
  name: string,
  enforcedText: string,
  req: List,
  lim: List,
): string | undefined {
  const enforced = q(enforcedText);
  if (!enforced) return undefined;
  const r = q(req[name]);
  const l = q(lim[name]);
  const e = formatQuantity(enforced);
  if (!l) return `maximum ${name} usage per ${type} is ${e}.  No limit is specified`;
  if (compareQuantities(l, enforced) > 0)
    return `maximum ${name} usage per ${type} is ${e}, but limit is ${formatQuantity(l)}`;
  if (r && compareQuantities(r, enforced) > 0)
    return `maximum ${name} usage per ${type} is ${e}, but request is ${formatQuantity(r)}`;
  return undefined;
}

/** maxRequestConstraint: for kinds that only have requests (PersistentVolumeClaim). */
function maxRequestConstraint(
  type: string,
  name: string,
  enforcedText: string,
  req: List,
): string | undefined {
  const enforced = q(enforcedText);
  if (!enforced) return undefined;
  const r = q(req[name]);
  const e = formatQuantity(enforced);
  if (!r) return `maximum ${name} usage per ${type} is ${e}.  No request is specified`;
  if (compareQuantities(r, enforced) > 0)
    return `maximum ${name} usage per ${type} is ${e}, but request is ${formatQuantity(r)}`;
  return undefined;
}

function ratioConstraint(
  type: string,
  name: string,
  enforcedText: string,
  req: List,
  lim: List,
): string | undefined {
  const enforced = q(enforcedText);
  if (!enforced) return undefined;
  const r = q(req[name]);
  const l = q(lim[name]);
  const e = formatQuantity(enforced);
  if (!r || r.milli === 0n)
    return `${name} max limit to request ratio per ${type} is ${e}, but no request is specified or request is 0`;
  if (!l || l.milli === 0n)
    return `${name} max limit to request ratio per ${type} is ${e}, but no limit is specified or limit is 0`;
  const ratio = Number(l.milli) / Number(r.milli);
  if (ratio * 1000 > Number(enforced.milli)) {
    return `${name} max limit to request ratio per ${type} is ${e}, but provided ratio is ${ratio.toFixed(6)}`;
  }
  return undefined;
}

function check(type: string, item: LimitItem, req: List, lim: List, errs: string[]): void {
  for (const [k, v] of Object.entries(item.min ?? {})) {
    const e = minConstraint(type, k, v, req, lim);
    if (e) errs.push(e);
  }
  for (const [k, v] of Object.entries(item.max ?? {})) {
    const e = maxConstraint(type, k, v, req, lim);
    if (e) errs.push(e);
  }
  for (const [k, v] of Object.entries(item.maxLimitRequestRatio ?? {})) {
    const e = ratioConstraint(type, k, v, req, lim);
    if (e) errs.push(e);
  }
}

function sumLists(lists: List[]): List {
  const out: Record<string, Quantity> = {};
  for (const l of lists) {
    for (const [k, v] of Object.entries(l)) {
      const qq = q(v);
      if (!qq) continue;
      out[k] = out[k]
        ? { milli: (out[k]?.milli ?? 0n) + qq.milli, format: out[k]?.format ?? qq.format }
        : qq;
    }
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, formatQuantity(v)]));
}

/** Validating half: throws the plugin's Forbidden with every violation aggregated. */
export function validateLimitRanges(
  object: KubeObject,
  kind: "Pod" | "PersistentVolumeClaim",
  limitRanges: readonly KubeObject[],
): void {
  const errs: string[] = [];
  for (const item of items(limitRanges)) {
    if (kind === "Pod") {
      const containers = arr(obj(object.spec).containers).filter(isObj);
      const res = (c: Obj) => obj(c.resources);
      if (item.type === "Container") {
        for (const c of containers)
          check("Container", item, obj(res(c).requests), obj(res(c).limits), errs);
      } else if (item.type === "Pod") {
        const req = sumLists(containers.map((c) => obj(res(c).requests)));
        const lim = sumLists(containers.map((c) => obj(res(c).limits)));
        check("Pod", item, req, lim, errs);
      }
    } else if (item.type === "PersistentVolumeClaim") {
      const requests = obj(obj(obj(object.spec).resources).requests);
      for (const [k, v] of Object.entries(item.min ?? {})) {
        const e = minConstraint("PersistentVolumeClaim", k, v, requests, {});
        if (e) errs.push(e);
      }
      for (const [k, v] of Object.entries(item.max ?? {})) {
        const e = maxRequestConstraint("PersistentVolumeClaim", k, v, requests);
        if (e) errs.push(e);
      }
    }
  }
  if (errs.length === 0) return;
  const resource = kind === "Pod" ? "pods" : "persistentvolumeclaims";
  // utilerrors.Aggregate prints each distinct message once, bare when only one remains.
  const unique = [...new Set(errs)];
  throw newForbidden(
    { group: "", resource },
    object.metadata.name ?? "",
    unique.length === 1 ? (unique[0] ?? "") : `[${unique.join(", ")}]`,
  );
}
