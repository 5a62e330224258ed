// describe role/clusterrole (rules broken down per resource, compacted and
// sorted as kubectl does) and rolebinding/clusterrolebinding.

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import type { DescribeContext } from "./context";
import { annotationsMultiline, labelsMultiline, PrefixWriter } from "./writer";

export interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

const set = (xs: readonly string[] | undefined) => [...new Set(xs ?? [])].sort();
const rule = (verbs: readonly string[], r: Partial<Rule>): Rule => ({
  verbs: set(verbs),
  apiGroups: set(r.apiGroups),
  resources: set(r.resources),
  resourceNames: set(r.resourceNames),
  nonResourceURLs: set(r.nonResourceURLs),
});

/** rbac.BreakdownRule: one rule per group × resource (× name) and per non-resource URL. */
function breakdown(r: any): Rule[] {
  const out: Rule[] = [];
  for (const g of r.apiGroups ?? [])
    for (const res of r.resources ?? []) {
      if (r.resourceNames?.length)
        for (const n of r.resourceNames)
          out.push(rule(r.verbs ?? [], { apiGroups: [g], resources: [res], resourceNames: [n] }));
      else out.push(rule(r.verbs ?? [], { apiGroups: [g], resources: [res] }));
    }
  for (const u of r.nonResourceURLs ?? []) out.push(rule(r.verbs ?? [], { nonResourceURLs: [u] }));
  return out;
}

/** rbac.CompactRules: simple rules on the same group/resource/name merge their verbs. */
function compact(rules: Rule[]): Rule[] {
  const out: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    const isSimple =
      r.apiGroups.length === 1 &&
      r.resources.length === 1 &&
      r.nonResourceURLs.length === 0 &&
      r.resourceNames.length <= 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = `${r.apiGroups[0]}|${r.resources[0]}|${r.resourceNames[0] ?? ""}`;
    const prev = simple.get(key);
    if (!prev) simple.set(key, { ...r, verbs: [...r.verbs] });
    else for (const v of r.verbs) if (!prev.verbs.includes(v)) prev.verbs.push(v);
  }
  return [...out, ...simple.values()];
}

export const goList = (xs: readonly string[]) => `[${xs.join(" ")}]`;

/** PolicyRule.String() (gogo-protobuf): the sort key of SortableRuleSlice. */
const ruleString = (r: Rule) =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/** CombineResourceGroup: "deployments.apps/scale". */
export function combineResourceGroup(resources: string[], groups: string[]): string {
  if (!resources.length) return "";
  const [res, sub] = resources[0]!.split(/\/(.*)/s);
  let s = res!;
  if (groups[0]) s += `.${groups[0]}`;
  if (sub) s += `/${sub}`;
  return s;
}

/** BreakdownRule + CompactRules + SortableRuleSlice, as describe and auth can-i --list show rules. */
export function compactSortedRules(rules: readonly any[]): Rule[] {
  const out = compact(rules.flatMap(breakdown)).map((r) => ({ r, key: ruleString(r) }));
  out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out.map((x) => x.r);
}

export async function describeRole(role: any): Promise<string> {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${role.metadata.name}\n`);
  labelsMultiline(w, "Labels", role.metadata.labels);
  annotationsMultiline(w, "Annotations", role.metadata.annotations);
  w.write(0, "PolicyRule:\n");
  w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
  w.write(1, "---------\t-----------------\t--------------\t-----\n");
  for (const r of compactSortedRules(role.rules ?? []))
    w.write(
      1,
      `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`,
    );
  return w.toString();
}

export async function describeRoleBinding(b: any, _d?: DescribeContext): Promise<string> {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${b.metadata.name}\n`);
  labelsMultiline(w, "Labels", b.metadata.labels);
  annotationsMultiline(w, "Annotations", b.metadata.annotations);
  w.write(0, "Role:\n");
  w.write(1, `Kind:\t${b.roleRef?.kind ?? ""}\n`);
  w.write(1, `Name:\t${b.roleRef?.name ?? ""}\n`);
  w.write(0, "Subjects:\n");
  w.write(1, "Kind\tName\tNamespace\n");
  w.write(1, "----\t----\t---------\n");
  for (const s of b.subjects ?? []) w.write(1, `${s.kind}\t${s.name}\t${s.namespace ?? ""}\n`);
  return w.toString();
}
