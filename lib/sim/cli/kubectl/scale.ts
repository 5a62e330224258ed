// kubectl scale: a merge patch of the scale subresource's spec.replicas.

import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { expectObject, kindName, objectPath } from "./api";
import { flagString, parseFlags } from "./flags";
import { resourceRequests } from "./get";

export async function kubectlScale(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "replicas", type: "int" },
      { name: "current-replicas", type: "int" },
    ],
    "kubectl scale",
  );
  const replicas = flagString(p, "replicas");
  if (replicas === undefined) throw new CliError('error: required flag(s) "replicas" not set');
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  let stdout = "";
  for (const r of await resourceRequests(ctx, p.positional)) {
    for (const name of r.names) {
      expectObject(
        await ctx.env.request({
          method: "PATCH",
          path: `${objectPath(r.info, ns, name)}/scale`,
          contentType: "application/merge-patch+json",
          body: { spec: { replicas: Number(replicas) } },
        }),
      );
      stdout += `${kindName(r.info)}/${name} scaled\n`;
    }
  }
  return { stdout, stderr: "", exitCode: 0 };
}
