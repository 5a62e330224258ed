// kubectl create -f: POST each manifest as it is (no last-applied annotation);
// errors per object go to stderr while the others are still created.

import type { KubeObject } from "../../apiserver/object";
import type { CommandContext, CommandResult } from "../types";
import { collectionPath, kindName, serverError } from "./api";
import { flagArray, flagBool, flagString, type ParsedArgs } from "./flags";
import { manifestInfo, manifestNamespace, readManifests } from "./manifests";
import { dryRunQuery, dryRunSuffix } from "./write-flags";

export async function kubectlCreateFromFiles(
  p: ParsedArgs,
  ctx: CommandContext,
): Promise<CommandResult> {
  const dry = dryRunQuery(p);
  let stdout = "";
  let stderr = "";
  const manifests = await readManifests(
    ctx,
    flagArray(p, "filename"),
    "create",
    flagBool(p, "recursive"),
  );
  for (const m of manifests) {
    const info = await manifestInfo(ctx, m);
    const ns = manifestNamespace(info, m, flagString(p, "namespace"), ctx.session.namespace);
    const resp = dry.clientDryRun
      ? undefined
      : await ctx.env.request({
          method: "POST",
          path: collectionPath(info, ns),
          body: { ...m.obj, metadata: { ...m.obj.metadata, ...(ns ? { namespace: ns } : {}) } },
          ...(dry.dryRun ? { query: { dryRun: dry.dryRun } } : {}),
        });
    if (resp && (resp.kind !== "object" || resp.code >= 400)) {
      stderr += `${serverError(resp).stderr.replace(/^(Error from server(?: \([^)]*\))?: )/, `$1error when creating "${m.source}": `)}\n`;
      continue;
    }
    const name = resp ? (resp.body as KubeObject).metadata.name : m.obj.metadata?.name;
    stdout += `${kindName(info)}/${name} created${dryRunSuffix(p)}\n`;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}
