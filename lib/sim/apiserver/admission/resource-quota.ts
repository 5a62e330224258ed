// ResourceQuota admission (plugin/pkg/admission/resourcequota, 1.28): each quota in the namespace
// that tracks what the object uses must still fit; on success the quotas' status.used is
// raised in the same request (that is how the real plugin serialises concurrent creates).
import { newForbidden } from "../errors";
import type { KubeObject } from "../object";
import type { ResourceInfo } from "../resources/resource-info";
import { compareQuantities, formatQuantity, quantity } from "../validation/quantity";
import {
  computeQuotaUsed,
  parseResourceList,
  prettyPrint,
  usageOf,
  type ResourceList,
} from "./quota-usage";
import { quotaMatchesObject } from "./quota-scopes";
import { arr, clone, isObj, obj } from "./util";

/** Resources for which every container must state a value (the podEvaluator's validationSet). */
const VALIDATION_SET = [
  "cpu",
  "memory",
  "requests.cpu",
  "requests.memory",
  "limits.cpu",
  "limits.memory",
];

export interface QuotaRequest {
  operation: "CREATE" | "UPDATE";
  object: KubeObject;
  oldObject?: KubeObject;
  info: Pick<ResourceInfo, "group" | "resource">;
  quotas: readonly KubeObject[];
  /** Objects of the namespace, used when a quota has no status.used yet. */
  namespaceObjects?: readonly {
    object: KubeObject;
    info: Pick<ResourceInfo, "group" | "resource">;
  }[];
}

function mustSpecify(pod: KubeObject, required: string[]): string | undefined {
  const missing = new Map<string, string[]>();
  const spec = obj(pod.spec);
  for (const c of [...arr(spec.containers), ...arr(spec.initContainers)].filter(isObj)) {
    const res = obj(c.resources);
    for (const r of required) {
      const [which, base] = r.startsWith("limits.")
        ? ["limits", r.slice(7)]
        : ["requests", r.replace(/^requests\./, "")];
      if (obj(res[which])[base ?? ""] === undefined)
        missing.set(r, [...(missing.get(r) ?? []), String(c.name ?? "")]);
    }
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()]
    .sort()
    .map((r) => `${r} for: ${[...new Set(missing.get(r))].sort().join(",")}`);
  return `must specify ${parts.join("; ")}`;
}

/** Returns the quotas with updated status.used (only those that changed), or throws Forbidden. */
export function admitResourceQuota(req: QuotaRequest): KubeObject[] {
  const gr = { group: req.info.group, resource: req.info.resource };
  const name = req.object.metadata.name ?? "";
  const next = usageOf(req.object, req.info);
  const prev = req.operation === "UPDATE" && req.oldObject ? usageOf(req.oldObject, req.info) : {};
  const delta: ResourceList = {};
  for (const [k, v] of Object.entries(next)) {
    const d = v.milli - (prev[k]?.milli ?? 0n);
    if (d > 0n) delta[k] = { milli: d, format: v.format };
  }
  const updated: KubeObject[] = [];
  for (const q of req.quotas) {
    if (!quotaMatchesObject(q, req.object, req.info)) continue;
    const status = obj(q.status);
    const hard = parseResourceList(isObj(status.hard) ? status.hard : obj(q.spec).hard);
    const hardKeys = Object.keys(hard);
    if (gr.group === "" && gr.resource === "pods" && req.operation === "CREATE") {
      const required = hardKeys.filter((k) => VALIDATION_SET.includes(k));
      const err = required.length > 0 ? mustSpecify(req.object, required) : undefined;
      if (err) throw newForbidden(gr, name, `failed quota: ${q.metadata.name ?? ""}: ${err}`);
    }
    const relevant = hardKeys.filter((k) => delta[k] !== undefined);
    if (relevant.length === 0) continue;
    const used = isObj(status.used)
      ? parseResourceList(status.used)
      : computeQuotaUsed(
          hardKeys,
          (req.namespaceObjects ?? []).filter((o) => quotaMatchesObject(q, o.object, o.info)),
        );
    const newUsed: ResourceList = { ...used };
    const exceeded: string[] = [];
    for (const k of relevant) {
      const u = used[k] ?? quantity(0n);
      const total = {
        milli: u.milli + (delta[k]?.milli ?? 0n),
        format: u.milli === 0n ? (delta[k]?.format ?? u.format) : u.format,
      };
      newUsed[k] = total;
      const h = hard[k];
      if (h && compareQuantities(total, h) > 0) exceeded.push(k);
    }
    if (exceeded.length > 0) {
      const usedForMessage: ResourceList = {};
      for (const k of exceeded) usedForMessage[k] = used[k] ?? quantity(0n);
      throw newForbidden(
        gr,
        name,
        `exceeded quota: ${q.metadata.name ?? ""}, requested: ${prettyPrint(delta, exceeded)}, used: ${prettyPrint(usedForMessage, exceeded)}, limited: ${prettyPrint(hard, exceeded)}`,
      );
    }
    const out = clone(q);
    out.status = {
      ...obj(out.status),
      hard: Object.fromEntries(Object.entries(hard).map(([k, v]) => [k, formatQuantity(v)])),
      used: Object.fromEntries(Object.entries(newUsed).map(([k, v]) => [k, formatQuantity(v)])),
    };
    updated.push(out);
  }
  return updated;
}
