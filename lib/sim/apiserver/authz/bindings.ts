// Walking bindings as the RBAC authorizer's VisitRulesFor does: ClusterRoleBindings first, then
// the RoleBindings of the request's namespace; each applicable binding yields its role's rules.
import type { KubeObject } from "../object";
import { goQuote } from "../validation/field-error";
import type { PolicyRule, RbacSnapshot, RoleRef, Subject, UserInfo } from "./types";

const SA_PREFIX = "system:serviceaccount:";

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** appliesToUser: does `subject` (of a binding in `bindingNamespace`) denote `user`? */
export function subjectAppliesTo(
  user: UserInfo,
  subject: Subject,
  bindingNamespace: string,
): boolean {
  switch (subject.kind) {
    case "User":
      return user.name === subject.name;
    case "Group":
      return user.groups.includes(subject.name);
    case "ServiceAccount": {
      // RoleBindings may omit the namespace of a service account in their own namespace.
      const ns = subject.namespace ? subject.namespace : bindingNamespace;
      return ns !== "" && serviceAccountUsername(ns, subject.name) === user.name;
    }
    default:
      return false;
  }
}

/** describeSubject, as used in the "allowed by" reason. */
export function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === "ServiceAccount") {
    return `${subject.kind} ${goQuote(`${subject.name}/${subject.namespace || bindingNamespace}`)}`;
  }
  return `${subject.kind} ${goQuote(subject.name)}`;
}

export interface RuleSource {
  /** "ClusterRoleBinding \"x\" of ClusterRole \"y\" to User \"alice\"" */
  description: string;
  rules: PolicyRule[];
}

const subjectsOf = (b: KubeObject) => (Array.isArray(b.subjects) ? (b.subjects as Subject[]) : []);
const roleRefOf = (b: KubeObject) => (b.roleRef ?? {}) as RoleRef;
const rulesOf = (r: KubeObject) => (Array.isArray(r.rules) ? (r.rules as PolicyRule[]) : []);

/**
 * The rule sources that apply to `user` for a request in `namespace` ("" for cluster scope),
 * in evaluation order, plus the errors met (missing roles), worded like the upstream resolver.
 */
export function applicableRuleSources(
  rbac: RbacSnapshot,
  user: UserInfo,
  namespace: string,
): { sources: RuleSource[]; errors: string[] } {
  const sources: RuleSource[] = [];
  const errors: string[] = [];
  const clusterRole = (name: string) => rbac.clusterRoles.find((r) => r.metadata.name === name);

  for (const b of rbac.clusterRoleBindings) {
    const subject = subjectsOf(b).find((s) => subjectAppliesTo(user, s, ""));
    if (!subject) continue;
    const ref = roleRefOf(b);
    const role = ref.kind === "ClusterRole" ? clusterRole(ref.name) : undefined;
    if (!role) {
      errors.push(`clusterrole.rbac.authorization.k8s.io ${goQuote(ref.name)} not found`);
      continue;
    }
    sources.push({
      description: `ClusterRoleBinding ${goQuote(b.metadata.name ?? "")} of ${ref.kind} ${goQuote(ref.name)} to ${describeSubject(subject, "")}`,
      rules: rulesOf(role),
    });
  }
  if (namespace === "") return { sources, errors };

  for (const b of rbac.roleBindings) {
    if (b.metadata.namespace !== namespace) continue;
    const subject = subjectsOf(b).find((s) => subjectAppliesTo(user, s, namespace));
    if (!subject) continue;
    const ref = roleRefOf(b);
    let role: KubeObject | undefined;
    if (ref.kind === "ClusterRole") role = clusterRole(ref.name);
    else if (ref.kind === "Role") {
      role = rbac.roles.find(
        (r) => r.metadata.namespace === namespace && r.metadata.name === ref.name,
      );
    }
    if (!role) {
      errors.push(
        ref.kind === "Role"
          ? `role.rbac.authorization.k8s.io ${goQuote(ref.name)} not found`
          : `clusterrole.rbac.authorization.k8s.io ${goQuote(ref.name)} not found`,
      );
      continue;
    }
    sources.push({
      description: `RoleBinding ${goQuote(`${b.metadata.name ?? ""}/${namespace}`)} of ${ref.kind} ${goQuote(ref.name)} to ${describeSubject(subject, namespace)}`,
      rules: rulesOf(role),
    });
  }
  return { sources, errors };
}
