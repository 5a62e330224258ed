// RulesFor: what `kubectl auth can-i --list` shows, via SelfSubjectRulesReview's status.
import { aggregateMessages } from "./aggregate";
import { applicableRuleSources } from "./bindings";
import { SYSTEM_MASTERS, type PolicyRule, type RbacSnapshot, type UserInfo } from "./types";

export interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
}

export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs: string[];
}

export interface SubjectRulesReviewStatus {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
  evaluationError?: string;
}

function split(rules: PolicyRule[], out: SubjectRulesReviewStatus): void {
  for (const r of rules) {
    if ((r.resources ?? []).length > 0) {
      const rr: ResourceRule = {
        verbs: [...(r.verbs ?? [])],
        apiGroups: [...(r.apiGroups ?? [])],
        resources: [...(r.resources ?? [])],
      };
      if ((r.resourceNames ?? []).length > 0) rr.resourceNames = [...(r.resourceNames ?? [])];
      out.resourceRules.push(rr);
    }
    if ((r.nonResourceURLs ?? []).length > 0) {
      out.nonResourceRules.push({
        verbs: [...(r.verbs ?? [])],
        nonResourceURLs: [...(r.nonResourceURLs ?? [])],
      });
    }
  }
}

export function rulesForUser(
  rbac: RbacSnapshot,
  user: UserInfo,
  namespace: string,
): SubjectRulesReviewStatus {
  const out: SubjectRulesReviewStatus = {
    resourceRules: [],
    nonResourceRules: [],
    incomplete: false,
  };
  if (user.groups.includes(SYSTEM_MASTERS)) {
    // The privileged-groups authorizer reports everything allowed.
    split(
      [
        { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
        { verbs: ["*"], nonResourceURLs: ["*"] },
      ],
      out,
    );
  }
  const { sources, errors } = applicableRuleSources(rbac, user, namespace);
  for (const s of sources) split(s.rules, out);
  if (errors.length > 0) {
    out.incomplete = true;
    out.evaluationError = aggregateMessages(errors);
  }
  return out;
}
