// kubectl exec (resolved in exec-resolve.ts; the command runs in container-exec.ts
// and container-shell.ts, shared with the REST face)
// and kubectl logs (the pods/log subresource).

import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { serverError } from "./api";
import { attachablePod } from "./attachable-pod";
import { terminatedLine } from "./container-exec";
import { execInContainer } from "./container-shell";
import { resolveKubectlExec } from "./exec-resolve";
import { flagBool, flagString, parseFlags } from "./flags";

export async function kubectlExec(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const { argv, target, streams, notice } = await resolveKubectlExec(args, ctx);
  const out = await execInContainer(argv, ctx, target, streams);
  return { ...out, stderr: notice + out.stderr + terminatedLine(out.exitCode) };
}

export async function kubectlLogs(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "container", short: "c", type: "string" },
      { name: "follow", short: "f", type: "bool" },
      { name: "previous", short: "p", type: "bool" },
      { name: "tail", type: "int" },
      { name: "timestamps", type: "bool" },
      { name: "all-containers", type: "bool" },
      { name: "since", type: "string" },
    ],
    "kubectl logs",
  );
  const podArg = p.positional[0];
  if (!podArg)
    throw new CliError(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples",
    );
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  const { name, notice } = await attachablePod(podArg, ns, ctx);
  const query: Record<string, string> = {};
  const c = flagString(p, "container") ?? p.positional[1];
  if (c) query.container = c;
  if (flagBool(p, "previous")) query.previous = "true";
  if (flagString(p, "tail")) query.tailLines = flagString(p, "tail")!;
  if (flagBool(p, "timestamps")) query.timestamps = "true";
  const resp = await ctx.env.request({
    method: "GET",
    path: `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(name)}/log`,
    query,
  });
  if (resp.kind === "text" && resp.code < 400)
    return { stdout: resp.body, stderr: notice, exitCode: 0 };
  if (
    resp.kind === "status" &&
    resp.code === 400 &&
    !c &&
    /a container name must be specified/.test(resp.body.message ?? "")
  )
    throw new CliError(`Error from server (BadRequest): ${resp.body.message}`);
  throw serverError(resp);
}
