// The kube-apiserver's authorization decision for a kubeadm cluster's RBAC mode: system:masters
// is always allowed (the privileged-groups authorizer runs first), otherwise RBAC decides.
// The Node authorizer that kubeadm also enables is not simulated (see the report).
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
