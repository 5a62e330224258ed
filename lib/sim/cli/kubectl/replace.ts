// kubectl replace -f: PUT each manifest over the live object (its
// resourceVersion filled in from the server when the file has none, as kubectl's
// Replace(overwrite=true) does); --force deletes and re-creates instead.

import type { KubeObject } from "../../apiserver/object";
import type { CommandContext, CommandResult } from "../types";
import { collectionPath, kindName, objectPath, serverError } from "./api";
import { flagArray, flagBool, flagString, parseFlags } from "./flags";
import { manifestInfo, manifestNamespace, readManifests } from "./manifests";
import { dryRunQuery, dryRunSuffix, WRITE_FLAGS } from "./write-flags";

const withSource = (e: string, doing: string, source: string) =>
  e.replace(/^(Error from server(?: \([^)]*\))?: )/, `$1error when ${doing} "${source}": `);

export async function kubectlReplace(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      ...WRITE_FLAGS,
      { name: "force", type: "bool" },
      { name: "grace-period", type: "int" },
      { name: "cascade", type: "string" },
      { name: "wait", type: "bool" },
      { name: "timeout", type: "string" },
    ],
    "kubectl replace",
  );
  const dry = dryRunQuery(p);
  const query = dry.dryRun ? { dryRun: dry.dryRun } : undefined;
  let stdout = "";
  let stderr = "";
  for (const m of await readManifests(
    ctx,
    flagArray(p, "filename"),
    "replace",
    flagBool(p, "recursive"),
  )) {
    const info = await manifestInfo(ctx, m);
    const ns = manifestNamespace(info, m, flagString(p, "namespace"), ctx.session.namespace);
    const name = m.obj.metadata?.name ?? "";
    const path = objectPath(info, ns, name);
    const body = {
      ...m.obj,
      metadata: { ...m.obj.metadata, ...(ns ? { namespace: ns } : {}) },
    } as KubeObject;
    if (flagBool(p, "force")) {
      if (!dry.clientDryRun) {
        const del = await ctx.env.request({ method: "DELETE", path, ...(query ? { query } : {}) });
        if (del.code >= 400 && del.code !== 404) {
          stderr += `${serverError(del).stderr}\n`;
          continue;
        }
        if (del.code < 400) stdout += `${kindName(info).split(".")[0]} "${name}" deleted\n`;
        const { resourceVersion: _rv, uid: _uid, ...meta } = body.metadata;
        void _rv;
        void _uid;
        const created = await ctx.env.request({
          method: "POST",
          path: collectionPath(info, ns),
          body: { ...body, metadata: meta },
          ...(query ? { query } : {}),
        });
        if (created.code >= 400) {
          stderr += `${withSource(serverError(created).stderr, "creating", m.source)}\n`;
          continue;
        }
      }
      stdout += `${kindName(info)}/${name} replaced${dryRunSuffix(p)}\n`;
      continue;
    }
    if (!dry.clientDryRun) {
      if (!body.metadata.resourceVersion) {
        const cur = await ctx.env.request({ method: "GET", path });
        if (cur.kind !== "object" || cur.code >= 400) {
          stderr += `${withSource(serverError(cur).stderr, "replacing", m.source)}\n`;
          continue;
        }
        body.metadata.resourceVersion = (cur.body as KubeObject).metadata.resourceVersion;
      }
      const resp = await ctx.env.request({
        method: "PUT",
        path,
        body,
        ...(query ? { query } : {}),
      });
      if (resp.code >= 400) {
        stderr += `${withSource(serverError(resp).stderr, "replacing", m.source)}\n`;
        continue;
      }
    }
    stdout += `${kindName(info)}/${name} replaced${dryRunSuffix(p)}\n`;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}
