// kubectl auth can-i VERB RESOURCE [NAME] [--as USER] [-n NS]: the sandbox's own
// authorizer (RBAC) decides, as a SelfSubjectAccessReview would. Prints yes/no,
// exit 0/1, like kubectl.

import { AUTHENTICATED_GROUP } from "../../apiserver/authn/authenticate";
import { RequestContext } from "../../apiserver/handler/context";
import { defaultPlugins } from "../../apiserver/handler/default-plugins";
import { ADMIN_USER } from "../../engine";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { resolveResource } from "./api";
import { authCanIList } from "./auth-can-i-list";
import { kubectlAuthWhoami } from "./auth-whoami";
import { flagArray, flagBool, flagString, parseFlags } from "./flags";

function impersonated(as: string | undefined, groups: string[]) {
  if (!as) return ADMIN_USER;
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(as);
  const extra = sa ? ["system:serviceaccounts", `system:serviceaccounts:${sa[1]}`] : [];
  return { username: as, groups: [...groups, ...extra, AUTHENTICATED_GROUP] };
}

export async function kubectlAuth(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const [sub, ...rest] = args;
  if (sub === "whoami") return kubectlAuthWhoami(rest, ctx, impersonated);
  if (sub !== "can-i")
    throw new CliError(
      sub
        ? `error: unknown command "${sub}" for "kubectl auth"`
        : "error: kubectl auth: 하위 명령이 필요합니다 (can-i, whoami)",
    );
  const p = parseFlags(
    rest,
    [
      { name: "all-namespaces", short: "A", type: "bool" },
      { name: "quiet", short: "q", type: "bool" },
      { name: "list", type: "bool" },
      { name: "subresource", type: "string" },
      { name: "no-headers", type: "bool" },
    ],
    "kubectl auth can-i",
  );
  if (flagBool(p, "list"))
    return authCanIList(
      ctx,
      impersonated(flagString(p, "as"), flagArray(p, "as-group")),
      flagString(p, "namespace") ?? ctx.session.namespace,
      flagBool(p, "no-headers"),
    );
  const [verb, target, nameArg] = p.positional;
  if (!verb || !target)
    throw new CliError(
      "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples",
    );
  const user = impersonated(flagString(p, "as"), flagArray(p, "as-group"));
  const state = await ctx.env.state();
  const rctx = new RequestContext(state, state.time, defaultPlugins);
  let attrs;
  if (target.startsWith("/")) {
    attrs = {
      user,
      verb,
      apiGroup: "",
      resource: "",
      subresource: "",
      namespace: "",
      name: "",
      path: target,
      resourceRequest: false,
    };
  } else {
    const [res, slashName] = target.split("/");
    const info = await resolveResource(ctx.env, res!);
    attrs = {
      user,
      verb,
      apiGroup: info.group,
      resource: info.resource,
      subresource: flagString(p, "subresource") ?? "",
      namespace:
        info.namespaced && !flagBool(p, "all-namespaces")
          ? (flagString(p, "namespace") ?? ctx.session.namespace)
          : "",
      name: slashName ?? nameArg ?? "",
      resourceRequest: true,
    };
  }
  const decision = defaultPlugins.authorize(attrs, rctx.lookup);
  const quiet = flagBool(p, "quiet");
  return {
    stdout: quiet ? "" : decision.allowed ? "yes\n" : "no\n",
    stderr: "",
    exitCode: decision.allowed ? 0 : 1,
  };
}
