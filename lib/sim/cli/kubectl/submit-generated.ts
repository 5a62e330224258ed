// The tail every generator command shares (create <kind>, run, expose): POST the
// generated object unless --dry-run=client, then print it with -o or say
// "<kind>/<name> <verb>".

import type { KubeObject } from "../../apiserver/object";
import { builtinRegistry } from "../../apiserver/resources/registry";
import type { CommandContext, CommandResult } from "../types";
import { collectionPath, kindName, serverError } from "./api";
import { flagString, type ParsedArgs } from "./flags";
import { printerFor } from "./output";
import { dryRunQuery, dryRunSuffix } from "./write-flags";

export async function submitGenerated(
  ctx: CommandContext,
  obj: KubeObject,
  p: ParsedArgs,
  verb: string,
  fieldManager: string,
): Promise<CommandResult> {
  const info = builtinRegistry.byApiVersionKind(obj.apiVersion, obj.kind)!;
  const dry = dryRunQuery(p);
  let created = obj;
  if (!dry.clientDryRun) {
    const resp = await ctx.env.request({
      method: "POST",
      path: collectionPath(info, info.namespaced ? obj.metadata.namespace : undefined),
      body: obj,
      query: { fieldManager, ...(dry.dryRun ? { dryRun: dry.dryRun } : {}) },
    });
    if (resp.kind !== "object" || resp.code >= 400) throw serverError(resp);
    created = resp.body as KubeObject;
  }
  const output = flagString(p, "output");
  const printer = output ? printerFor(output) : undefined;
  if (printer) {
    // A client dry run prints the object as generated, without the namespace kubectl never set.
    const shown = dry.clientDryRun
      ? ({ ...created, metadata: { ...created.metadata, namespace: undefined } } as KubeObject)
      : created;
    return { stdout: printer.print([shown], true, () => kindName(info)), stderr: "", exitCode: 0 };
  }
  return {
    stdout: `${kindName(info)}/${created.metadata.name} ${verb}${dryRunSuffix(p)}\n`,
    stderr: "",
    exitCode: 0,
  };
}
