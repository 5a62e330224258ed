// core/v1 Node rules (ValidateNode / ValidateNodeUpdate): taints as `kubectl taint` writes them,
// and the fields a node may set only once.
import type { KubeObject } from "../object";
import { fieldErrors, type FieldError } from "./field-error";
import { isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from "./names";
import { validateObjectMeta } from "./object-meta";
import { validateTaintEffect } from "./pod";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

export function validateNode(node: KubeObject): FieldError[] {
  const errs = [...validateObjectMeta(node.metadata, false, isDNS1123Subdomain)];
  const seen = new Map<string, Set<string>>();
  arr(obj(node.spec).taints).forEach((raw, i) => {
    const t = obj(raw);
    const p = `spec.taints[${i}]`;
    const key = str(t.key);
    for (const m of isQualifiedName(key)) errs.push(fieldErrors.invalid(`${p}.key`, key, m));
    for (const m of isValidLabelValue(str(t.value)))
      errs.push(fieldErrors.invalid(`${p}.value`, str(t.value), m));
    const effect = str(t.effect);
    errs.push(...validateTaintEffect(effect, `${p}.effect`));
    const keys = seen.get(effect) ?? new Set<string>();
    if (keys.has(key)) {
      errs.push({
        ...fieldErrors.duplicate(p, t),
        detail: "taints must be unique by key and effect pair",
      });
      return;
    }
    keys.add(key);
    seen.set(effect, keys);
  });
  return errs;
}

export function validateNodeUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const n = obj(next.spec);
  const p = obj(prev.spec);
  const oldCIDRs = arr(p.podCIDRs);
  if (oldCIDRs.length > 0 && JSON.stringify(arr(n.podCIDRs)) !== JSON.stringify(oldCIDRs)) {
    errs.push(
      fieldErrors.forbidden(
        "spec.podCIDRs",
        'node updates may not change podCIDR except from "" to valid',
      ),
    );
  }
  if (str(p.providerID) !== "" && str(n.providerID) !== str(p.providerID)) {
    errs.push(
      fieldErrors.forbidden(
        "spec.providerID",
        'node updates may not change providerID except from "" to valid',
      ),
    );
  }
  return errs;
}
