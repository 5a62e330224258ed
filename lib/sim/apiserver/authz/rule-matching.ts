// The matching rules of pkg/apis/rbac/v1/evaluation_helpers.go: verbs, API groups, resources
// (with "resource/subresource" and "*/subresource"), resource names and non-resource URLs.
import type { Attributes, PolicyRule } from "./types";

const has = (list: readonly string[] | undefined, v: string) => (list ?? []).includes(v);

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return has(rule.verbs, "*") || has(rule.verbs, verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return has(rule.apiGroups, "*") || has(rule.apiGroups, group);
}

export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === "*" || r === combined) return true;
    if (subresource !== "" && r === `*/${subresource}`) return true;
  }
  return false;
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === "*" || u === path) return true;
    if (u.endsWith("*") && path.startsWith(u.replace(/\*+$/, ""))) return true;
  }
  return false;
}

export function ruleAllows(a: Attributes, rule: PolicyRule): boolean {
  if (a.path !== undefined) return verbMatches(rule, a.verb) && nonResourceURLMatches(rule, a.path);
  const resource = a.resource ?? "";
  const sub = a.subresource ?? "";
  const combined = sub === "" ? resource : `${resource}/${sub}`;
  return (
    verbMatches(rule, a.verb) &&
    apiGroupMatches(rule, a.apiGroup ?? "") &&
    resourceMatches(rule, combined, sub) &&
    resourceNameMatches(rule, a.name ?? "")
  );
}
