// kubectl delete: by resource and name, by selector or --all, with grace period,
// --force and cascade (propagationPolicy), or the objects of -f files.

import type { KubeObject } from "../../apiserver/object";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { collectionPath, expectObject, kindName, objectPath, serverError } from "./api";
import { flagArray, flagBool, flagString, parseFlags } from "./flags";
import { resourceRequests, type ResourceRequest } from "./get";
import { manifestInfo, manifestNamespace, readManifests } from "./manifests";
import { WRITE_FLAGS } from "./write-flags";

export async function kubectlDelete(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      ...WRITE_FLAGS,
      { name: "grace-period", type: "int" },
      { name: "now", type: "bool" },
      { name: "force", type: "bool" },
      { name: "cascade", type: "string" },
      { name: "wait", type: "bool" },
      { name: "all", type: "bool" },
      { name: "selector", short: "l", type: "string" },
      { name: "ignore-not-found", type: "bool" },
      { name: "all-namespaces", short: "A", type: "bool" },
    ],
    "kubectl delete",
  );
  const files = flagArray(p, "filename");
  if (p.positional.length === 0 && files.length === 0)
    throw new CliError(
      `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
    );
  const defaultNs = flagString(p, "namespace") ?? ctx.session.namespace;
  const cascade = flagString(p, "cascade") ?? "background";
  const propagationPolicy =
    cascade === "orphan" || cascade === "false"
      ? "Orphan"
      : cascade === "foreground"
        ? "Foreground"
        : "Background";
  const body: Record<string, unknown> = { propagationPolicy };
  // kubectl's DeleteOptions.Complete: --now is 1s, --grace-period=0 without --force becomes
  // 1s, --force with no period becomes 0; only a 0 period (forced) warns and "force deleted".
  const force = flagBool(p, "force");
  let grace = Number(flagString(p, "grace-period") ?? -1);
  if (flagBool(p, "now")) grace = 1;
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  if (grace >= 0) body.gracePeriodSeconds = grace;
  const forced = grace === 0 && force;
  let stdout = "";
  let stderr = forced
    ? "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n"
    : "";
  // Objects named by -f files are deleted in their own namespaces.
  const requests: (ResourceRequest & { ns?: string })[] = [];
  if (files.length) {
    if (p.positional.length)
      throw new CliError(
        "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    for (const m of await readManifests(ctx, files, "delete", flagBool(p, "recursive"))) {
      const info = await manifestInfo(ctx, m);
      const mns = manifestNamespace(info, m, flagString(p, "namespace"), ctx.session.namespace);
      requests.push({ info, names: [m.obj.metadata?.name ?? ""], ...(mns ? { ns: mns } : {}) });
    }
  } else requests.push(...(await resourceRequests(ctx, p.positional)));
  for (const r of requests) {
    const ns = r.ns ?? defaultNs;
    let names = r.names;
    const sel = flagString(p, "selector");
    if (names.length === 0) {
      if (!flagBool(p, "all") && !sel)
        throw new CliError(`error: resource(s) were provided, but no name was specified`);
      const list = expectObject<{ items: KubeObject[] }>(
        await ctx.env.request({
          method: "GET",
          path: collectionPath(r.info, ns),
          ...(sel ? { query: { labelSelector: sel } } : {}),
        }),
      );
      names = list.items.map((o) => o.metadata.name ?? "");
      if (!names.length) stderr += `No resources found\n`;
    }
    for (const name of names) {
      const resp = await ctx.env.request({
        method: "DELETE",
        path: objectPath(r.info, ns, name),
        body,
      });
      if (resp.code >= 400) {
        if (!(resp.code === 404 && flagBool(p, "ignore-not-found")))
          stderr += `${serverError(resp).stderr}\n`;
      } else stdout += `${kindName(r.info)} "${name}" ${forced ? "force deleted" : "deleted"}\n`;
    }
  }
  return {
    stdout,
    stderr,
    exitCode: stderr && !stdout && !forced ? 1 : stderr.includes("Error from server") ? 1 : 0,
  };
}
