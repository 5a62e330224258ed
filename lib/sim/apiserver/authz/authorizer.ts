// The RBAC authorizer's decision: system:masters is always allowed (the privileged-groups
// authorizer runs first), otherwise the bindings decide. kubeadm's Node authorizer runs before
// it for kubelets (node-authorizer.ts; both wired in handler/default-plugins.ts).
import { aggregateMessages } from "./aggregate";
import { applicableRuleSources } from "./bindings";
import { apiGroupMatches, resourceMatches, ruleAllows, verbMatches } from "./rule-matching";
import { SYSTEM_MASTERS, type Attributes, type Decision, type RbacSnapshot } from "./types";

type Sources = ReturnType<typeof applicableRuleSources>;
const sourcesBySnapshot = new WeakMap<RbacSnapshot, Map<string, Sources>>();

/** The rule sources of a user in a namespace, computed once per snapshot object. */
function ruleSources(rbac: RbacSnapshot, user: Attributes["user"], namespace: string): Sources {
  let memo = sourcesBySnapshot.get(rbac);
  if (!memo) {
    memo = new Map();
    sourcesBySnapshot.set(rbac, memo);
  }
  const key = `${user.name}\u0000${user.groups.join("\u0000")}\u0000${namespace}`;
  let sources = memo.get(key);
  if (!sources) {
    sources = applicableRuleSources(rbac, user, namespace);
    memo.set(key, sources);
  }
  return sources;
}

export function authorize(attrs: Attributes, rbac: RbacSnapshot): Decision {
  if (attrs.user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: "" };
  const { sources, errors } = ruleSources(rbac, attrs.user, attrs.namespace ?? "");
  for (const source of sources) {
    if (source.rules.some((rule) => ruleAllows(attrs, rule))) {
      return { allowed: true, reason: `RBAC: allowed by ${source.description}` };
    }
  }
  const reason = errors.length === 0 ? "" : `RBAC: ${aggregateMessages(errors)}`;
  return { allowed: false, reason };
}

/**
 * Whether the object's name can change the decision: only a rule that lists resourceNames and
 * matches the request on everything else (verb, API group, resource) reads it. Without one, every
 * name gets the decision of any other (same sources, same first match, same errors).
 */
export function nameMatters(attrs: Attributes, rbac: RbacSnapshot): boolean {
  if (attrs.path !== undefined || attrs.user.groups.includes(SYSTEM_MASTERS)) return false;
  const { sources } = ruleSources(rbac, attrs.user, attrs.namespace ?? "");
  const sub = attrs.subresource ?? "";
  const combined = sub === "" ? (attrs.resource ?? "") : `${attrs.resource ?? ""}/${sub}`;
  for (const source of sources) {
    for (const rule of source.rules) {
      if (
        rule.resourceNames?.length &&
        verbMatches(rule, attrs.verb) &&
        apiGroupMatches(rule, attrs.apiGroup ?? "") &&
        resourceMatches(rule, combined, sub)
      ) {
        return true;
      }
    }
  }
  return false;
}
