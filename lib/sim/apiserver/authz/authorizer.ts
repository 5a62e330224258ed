// The RBAC authorizer's decision: system:masters is always allowed (the privileged-groups
// authorizer runs first), otherwise the bindings decide. kubeadm's Node authorizer runs before
// it for kubelets (node-authorizer.ts; both wired in handler/default-plugins.ts).
import { aggregateMessages } from "./aggregate";
import { applicableRuleSources } from "./bindings";
import { ruleAllows } from "./rule-matching";
import { SYSTEM_MASTERS, type Attributes, type Decision, type RbacSnapshot } from "./types";

export function authorize(attrs: Attributes, rbac: RbacSnapshot): Decision {
  if (attrs.user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: "" };
  const { sources, errors } = applicableRuleSources(rbac, attrs.user, attrs.namespace ?? "");
  for (const source of sources) {
    if (source.rules.some((rule) => ruleAllows(attrs, rule))) {
      return { allowed: true, reason: `RBAC: allowed by ${source.description}` };
    }
  }
  const reason = errors.length === 0 ? "" : `RBAC: ${aggregateMessages(errors)}`;
  return { allowed: false, reason };
}
