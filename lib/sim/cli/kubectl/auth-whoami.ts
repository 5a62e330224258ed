// kubectl auth whoami: a SelfSubjectReview (authentication.k8s.io/v1, GA in 1.28)
// created on the API server, printed as kubectl's ATTRIBUTE/VALUE table or by -o.

import type { KubeObject } from "../../apiserver/object";
import { selfSubjectReview } from "../../apiserver/reviews/token-review";
import { tabwrite } from "../../kubeadm/tabwriter";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { expectObject } from "./api";
import { flagArray, flagString, parseFlags } from "./flags";
import { printerFor } from "./output";

interface Review {
  status?: {
    userInfo?: {
      username?: string;
      uid?: string;
      groups?: string[];
      extra?: Record<string, string[]>;
    };
  };
}

export async function kubectlAuthWhoami(
  args: readonly string[],
  ctx: CommandContext,
  impersonate: (as: string, groups: string[]) => { username: string; groups: string[] },
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [{ name: "output", short: "o", type: "string" }],
    "kubectl auth whoami",
  );
  if (p.positional.length > 0)
    throw new CliError(`error: unknown command "${p.positional[0]}" for "kubectl auth whoami"`);
  const as = flagString(p, "as");
  // The terminal's requests are the admin's; impersonation is answered as the
  // API server would answer the impersonated user's own review.
  const review = (
    as
      ? selfSubjectReview(impersonate(as, flagArray(p, "as-group")))
      : expectObject(
          await ctx.env.request({
            method: "POST",
            path: "/apis/authentication.k8s.io/v1/selfsubjectreviews",
            body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" },
          }),
        )
  ) as Review & KubeObject;
  const output = flagString(p, "output") ?? "";
  // A typed object: JSON in the struct's field order (the review is built in it).
  if (output === "json")
    return { stdout: `${JSON.stringify(review, null, 4)}\n`, stderr: "", exitCode: 0 };
  const printer = printerFor(output);
  if (printer)
    return {
      stdout: printer.print([review], true, () => "selfsubjectreview.authentication.k8s.io"),
      stderr: "",
      exitCode: 0,
    };
  const ui = review.status?.userInfo ?? {};
  const rows = [["ATTRIBUTE", "VALUE"]];
  if (ui.username) rows.push(["Username", ui.username]);
  if (ui.uid) rows.push(["UID", ui.uid]);
  if (ui.groups?.length) rows.push(["Groups", `[${ui.groups.join(" ")}]`]);
  for (const k of Object.keys(ui.extra ?? {}).sort())
    rows.push([`Extra: ${k}`, `[${ui.extra![k]!.join(" ")}]`]);
  return { stdout: tabwrite(rows, 6, 3), stderr: "", exitCode: 0 };
}
