// kubectl auth can-i --list: a SelfSubjectRulesReview for the (impersonated)
// user in the namespace, its rules broken down, compacted and sorted, printed
// with kubectl's tabwriter (printers.GetNewTabWriter: minwidth 6, padding 3).

import { RequestContext } from "../../apiserver/handler/context";
import { defaultPlugins } from "../../apiserver/handler/default-plugins";
import { selfSubjectRulesReview } from "../../apiserver/reviews/rules-review";
import type { UserInfo } from "../../apiserver/handler/types";
import { AUTHENTICATED_GROUP } from "../../apiserver/authn/authenticate";
import type { CommandContext, CommandResult } from "../types";
import { combineResourceGroup, compactSortedRules, goList } from "./describe/rbac";
import { goTabwrite } from "./describe/tabwriter";

interface RulesStatus {
  resourceRules?: {
    verbs: string[];
    apiGroups?: string[];
    resources?: string[];
    resourceNames?: string[];
  }[];
  nonResourceRules?: { verbs: string[]; nonResourceURLs?: string[] }[];
  incomplete?: boolean;
  evaluationError?: string;
}

export async function authCanIList(
  ctx: CommandContext,
  user: UserInfo,
  namespace: string,
  noHeaders: boolean,
): Promise<CommandResult> {
  const state = await ctx.env.state();
  const rctx = new RequestContext(state, state.time, defaultPlugins);
  // The authenticator adds system:authenticated (basic-user, discovery rules) as for any request.
  const who = user.groups.includes(AUTHENTICATED_GROUP)
    ? user
    : { ...user, groups: [...user.groups, AUTHENTICATED_GROUP] };
  const review = selfSubjectRulesReview(rctx, who, { spec: { namespace } }) as {
    status: RulesStatus;
  };
  const s = review.status;
  const rules = [
    ...(s.resourceRules ?? []).map((r) => ({ ...r })),
    ...(s.nonResourceRules ?? []).map((r) => ({
      verbs: r.verbs,
      nonResourceURLs: r.nonResourceURLs,
    })),
  ];
  let text = noHeaders ? "" : "Resources\tNon-Resource URLs\tResource Names\tVerbs\n";
  for (const r of compactSortedRules(rules))
    text += `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`;
  return {
    stdout: goTabwrite(text, 6, 3),
    stderr: s.incomplete ? `warning: the list may be incomplete: ${s.evaluationError ?? ""}\n` : "",
    exitCode: 0,
  };
}
