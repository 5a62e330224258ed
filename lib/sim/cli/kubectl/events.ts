// kubectl events: the namespace's (or all) events, oldest first, optionally for one
// object (--for kind/name) or of some types (--types=Warning). Same columns as
// `kubectl get events` (the API server's event printer).

import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { resolveResource } from "./api";
import { flagArray, flagBool, flagString, parseFlags } from "./flags";
import { kubectlGet } from "./get";

export async function kubectlEvents(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "all-namespaces", short: "A", type: "bool" },
      { name: "for", type: "string" },
      { name: "types", type: "array" },
      { name: "watch", short: "w", type: "bool" },
      { name: "output", short: "o", type: "string" },
      { name: "no-headers", type: "bool" },
    ],
    "kubectl events",
  );
  const selectors: string[] = [];
  const target = flagString(p, "for");
  if (target) {
    const [kind, name] = target.split("/");
    if (!kind || !name) throw new CliError(`error: --for must be in resource/name form`);
    const info = await resolveResource(ctx.env, kind);
    selectors.push(`involvedObject.kind=${info.kind}`, `involvedObject.name=${name}`);
  }
  const types = flagArray(p, "types");
  if (types.length === 1) selectors.push(`type=${types[0]}`);
  const out = [
    "events",
    "--sort-by=.lastTimestamp",
    ...(flagBool(p, "all-namespaces") ? ["-A"] : []),
    ...(flagString(p, "namespace") ? ["-n", flagString(p, "namespace")!] : []),
    ...(flagString(p, "output") ? ["-o", flagString(p, "output")!] : []),
    ...(flagBool(p, "no-headers") ? ["--no-headers"] : []),
    ...(selectors.length ? [`--field-selector=${selectors.join(",")}`] : []),
  ];
  const r = await kubectlGet(out, ctx);
  // kubectl events words the empty case its own way.
  return { ...r, stderr: r.stderr.replace(/^No resources found/, "No events found") };
}
