// rbac.authorization.k8s.io/v1 rules (pkg/apis/rbac/validation): policy rules, roleRef, subjects.
import type { KubeObject } from "../object";
import { fieldErrors, goQuote, GoRepr, type FieldError } from "./field-error";
import { isDNS1123Subdomain } from "./names";
import { validateObjectMeta } from "./object-meta";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

// RBAC object names are path segments: ValidateRBACName only forbids "." / ".." / "/" / "%".
function rbacName(name: string): string[] {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  for (const bad of ["/", "%"]) if (name.includes(bad)) return [`may not contain '${bad}'`];
  return [];
}

function validatePolicyRule(rule: Obj, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const verbs = arr(rule.verbs);
  const nonResource = arr(rule.nonResourceURLs);
  if (verbs.length === 0)
    errs.push(fieldErrors.required(`${path}.verbs`, "verbs must contain at least one value"));
  if (nonResource.length > 0) {
    if (namespaced) {
      errs.push(
        fieldErrors.invalid(
          `${path}.nonResourceURLs`,
          nonResource,
          "namespaced rules cannot apply to non-resource URLs",
        ),
      );
    }
    if (
      arr(rule.apiGroups).length > 0 ||
      arr(rule.resources).length > 0 ||
      arr(rule.resourceNames).length > 0
    ) {
      errs.push(
        fieldErrors.invalid(
          `${path}.nonResourceURLs`,
          nonResource,
          "rules cannot apply to both regular resources and non-resource URLs",
        ),
      );
    }
    return errs;
  }
  if (arr(rule.apiGroups).length === 0) {
    errs.push(
      fieldErrors.required(
        `${path}.apiGroups`,
        "resource rules must supply at least one api group",
      ),
    );
  }
  if (arr(rule.resources).length === 0) {
    errs.push(
      fieldErrors.required(`${path}.resources`, "resource rules must supply at least one resource"),
    );
  }
  return errs;
}

export function validateRole(role: KubeObject, namespaced: boolean): FieldError[] {
  const errs = [...validateObjectMeta(role.metadata, namespaced, rbacName)];
  arr(role.rules).forEach((r, i) =>
    errs.push(...validatePolicyRule(obj(r), namespaced, `rules[${i}]`)),
  );
  return errs;
}

function validateSubjects(subjects: unknown[], isNamespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  subjects.forEach((raw, i) => {
    const s = obj(raw);
    const p = `subjects[${i}]`;
    const name = typeof s.name === "string" ? s.name : "";
    if (name === "") errs.push(fieldErrors.required(`${p}.name`, ""));
    switch (s.kind) {
      case "ServiceAccount":
        if (name !== "")
          for (const m of isDNS1123Subdomain(name))
            errs.push(fieldErrors.invalid(`${p}.name`, name, m));
        if (s.apiGroup !== undefined && s.apiGroup !== "") {
          errs.push(fieldErrors.notSupported(`${p}.apiGroup`, s.apiGroup, [""]));
        }
        if (!isNamespaced && !s.namespace) errs.push(fieldErrors.required(`${p}.namespace`, ""));
        break;
      case "User":
      case "Group":
        if (s.apiGroup !== "rbac.authorization.k8s.io") {
          errs.push(
            fieldErrors.notSupported(`${p}.apiGroup`, s.apiGroup ?? "", [
              "rbac.authorization.k8s.io",
            ]),
          );
        }
        break;
      default:
        errs.push(
          fieldErrors.notSupported(`${p}.kind`, s.kind ?? "", ["ServiceAccount", "User", "Group"]),
        );
    }
  });
  return errs;
}

export function validateRoleBinding(binding: KubeObject, namespaced: boolean): FieldError[] {
  const errs = [...validateObjectMeta(binding.metadata, namespaced, rbacName)];
  const ref = obj(binding.roleRef);
  if (ref.apiGroup !== "rbac.authorization.k8s.io") {
    errs.push(
      fieldErrors.notSupported("roleRef.apiGroup", ref.apiGroup ?? "", [
        "rbac.authorization.k8s.io",
      ]),
    );
  }
  const kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
  if (!kinds.includes(String(ref.kind)))
    errs.push(fieldErrors.notSupported("roleRef.kind", ref.kind ?? "", kinds));
  const name = typeof ref.name === "string" ? ref.name : "";
  if (name === "") errs.push(fieldErrors.required("roleRef.name", ""));
  else for (const m of rbacName(name)) errs.push(fieldErrors.invalid("roleRef.name", name, m));
  errs.push(...validateSubjects(arr(binding.subjects), namespaced));
  return errs;
}

export function validateRoleBindingUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const a = obj(next.roleRef);
  const b = obj(prev.roleRef);
  return a.apiGroup !== b.apiGroup || a.kind !== b.kind || a.name !== b.name
    ? [
        fieldErrors.invalid(
          "roleRef",
          new GoRepr(
            `rbac.RoleRef{APIGroup:${goQuote(String(a.apiGroup ?? ""))}, Kind:${goQuote(String(a.kind ?? ""))}, Name:${goQuote(String(a.name ?? ""))}}`,
          ),
          "cannot change roleRef",
        ),
      ]
    : [];
}
