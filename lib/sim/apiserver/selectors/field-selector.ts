// Field selectors (`--field-selector`, ?fieldSelector=): apimachinery fields.ParseSelector and the
// per-kind field sets the registries expose (pkg/registry/*/strategy.go ToSelectableFields and
// the conversion funcs' "field label not supported" check).
import type { KubeObject } from "../object";
import { goQuote } from "../validation/field-error";

export interface FieldRequirement {
  field: string;
  operator: "=" | "==" | "!=";
  value: string;
}

export class FieldSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FieldSelectorError";
  }
}

// Splits on unescaped separators; "\," "\=" "\!" "\\" are escapes in field selector values.
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? "";
    if (ch === "\\" && i + 1 < s.length) {
      cur += ch + (s[i + 1] ?? "");
      i++;
    } else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, "$1");
}

/** fields.ParseSelector: terms sorted, empty ones skipped, each split at its first operator. */
export function parseFieldSelector(input: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  for (const term of splitTerms(input).sort()) {
    if (term === "") continue;
    const split = splitTerm(term);
    if (!split)
      throw new FieldSelectorError(`invalid selector: '${input}'; can't understand '${term}'`);
    out.push({ field: split.field, operator: split.operator, value: unescape(split.value) });
  }
  return out;
}

// splitTerm: the first position where "!=", "==" or "=" starts (tried in that order there).
function splitTerm(
  term: string,
): { field: string; operator: "!=" | "==" | "="; value: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ["!=", "==", "="] as const) {
      if (term.startsWith(op, i))
        return { field: term.slice(0, i), operator: op, value: term.slice(i + op.length) };
    }
  }
  return undefined;
}

type Getter = (o: KubeObject) => string;
const get = (o: unknown, path: string[]): unknown =>
  path.reduce<unknown>(
    (acc, k) => (acc && typeof acc === "object" ? (acc as Record<string, unknown>)[k] : undefined),
    o,
  );
const s =
  (...path: string[]): Getter =>
  (o) => {
    const v = get(o, path);
    return v === undefined || v === null ? "" : String(v);
  };

const META: Record<string, Getter> = {
  "metadata.name": (o) => o.metadata.name ?? "",
  "metadata.namespace": (o) => o.metadata.namespace ?? "",
};

const BY_RESOURCE: Record<string, Record<string, Getter>> = {
  "/pods": {
    "spec.nodeName": s("spec", "nodeName"),
    "spec.restartPolicy": s("spec", "restartPolicy"),
    "spec.schedulerName": s("spec", "schedulerName"),
    "spec.serviceAccountName": s("spec", "serviceAccountName"),
    "spec.hostNetwork": (o) => String(get(o, ["spec", "hostNetwork"]) === true),
    "status.phase": s("status", "phase"),
    "status.podIP": s("status", "podIP"),
    "status.nominatedNodeName": s("status", "nominatedNodeName"),
  },
  "/events": {
    "involvedObject.kind": s("involvedObject", "kind"),
    "involvedObject.namespace": s("involvedObject", "namespace"),
    "involvedObject.name": s("involvedObject", "name"),
    "involvedObject.uid": s("involvedObject", "uid"),
    "involvedObject.apiVersion": s("involvedObject", "apiVersion"),
    "involvedObject.resourceVersion": s("involvedObject", "resourceVersion"),
    "involvedObject.fieldPath": s("involvedObject", "fieldPath"),
    reason: s("reason"),
    reportingComponent: s("reportingComponent"),
    source: s("source", "component"),
    type: s("type"),
  },
  "/nodes": { "spec.unschedulable": (o) => String(get(o, ["spec", "unschedulable"]) === true) },
  "/namespaces": { "status.phase": s("status", "phase") },
  "/secrets": { type: s("type") },
  "apps/replicasets": { "status.replicas": (o) => String(get(o, ["status", "replicas"]) ?? 0) },
  "batch/jobs": { "status.successful": (o) => String(get(o, ["status", "successful"]) ?? 0) },
};

function gettersFor(group: string, resource: string): Record<string, Getter> {
  return { ...META, ...(BY_RESOURCE[`${group}/${resource}`] ?? {}) };
}

/** Throws the registry's "field label not supported" error for fields the kind does not expose. */
export function checkFieldSelector(
  reqs: FieldRequirement[],
  group: string,
  resource: string,
): void {
  const getters = gettersFor(group, resource);
  for (const r of reqs) {
    if (!(r.field in getters))
      throw new FieldSelectorError(`field label not supported: ${r.field}`);
  }
}

export function fieldSelectorMatches(
  reqs: FieldRequirement[],
  obj: KubeObject,
  group: string,
  resource: string,
): boolean {
  const getters = gettersFor(group, resource);
  return reqs.every((r) => {
    const g = getters[r.field];
    if (!g) return false;
    const v = g(obj);
    return r.operator === "!=" ? v !== r.value : v === r.value;
  });
}

/**
 * The list handler's wrapping of a selector error: `Unable to find "/v1, Resource=pods" that
 * match label selector "", field selector "foo=bar": field label not supported: foo`.
 */
export function unableToFindMessage(
  gvr: { group: string; version: string; resource: string },
  labelSelector: string,
  fieldSelector: string,
  cause: string,
): string {
  const gvrText = `${gvr.group}/${gvr.version}, Resource=${gvr.resource}`;
  return `Unable to find ${goQuote(gvrText)} that match label selector ${goQuote(labelSelector)}, field selector ${goQuote(fieldSelector)}: ${cause}`;
}
