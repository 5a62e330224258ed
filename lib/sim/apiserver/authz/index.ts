export * from "./types";
export { authorize, nameMatters } from "./authorizer";
export { forbiddenError, forbiddenMessage } from "./forbidden";
export {
  rulesForUser,
  type SubjectRulesReviewStatus,
  type ResourceRule,
  type NonResourceRule,
} from "./rules-for-user";
export { authenticatedUser, serviceAccountUser } from "./users";
export { serviceAccountUsername, subjectAppliesTo } from "./bindings";
export { ruleAllows } from "./rule-matching";
