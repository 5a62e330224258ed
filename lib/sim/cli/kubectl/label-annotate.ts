// kubectl label / annotate: key=value sets, key- removes, --overwrite to change.

import type { KubeObject } from "../../apiserver/object";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { expectObject, kindName, objectPath } from "./api";
import { flagBool, flagString, parseFlags } from "./flags";
import { resourceRequests } from "./get";

/** label / annotate: key=value sets, key- removes; --overwrite needed to change a value. */
export async function kubectlMeta(
  field: "labels" | "annotations",
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const verb = field === "labels" ? "label" : "annotate";
  const p = parseFlags(
    args,
    [
      { name: "overwrite", type: "bool" },
      { name: "all", type: "bool" },
      { name: "list", type: "bool" },
    ],
    `kubectl ${verb}`,
  );
  const changes = p.positional.filter((a) => /=/.test(a) || /-$/.test(a));
  const targets = p.positional.filter((a) => !changes.includes(a));
  if (changes.length === 0) throw new CliError("error: at least one label update is required");
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  let stdout = "";
  for (const r of await resourceRequests(ctx, targets)) {
    for (const name of r.names) {
      const cur = expectObject<KubeObject>(
        await ctx.env.request({ method: "GET", path: objectPath(r.info, ns, name) }),
      );
      const existing = (cur.metadata[field] ?? {}) as Record<string, string>;
      const patch: Record<string, string | null> = {};
      for (const c of changes) {
        if (c.endsWith("-") && !c.includes("=")) {
          const key = c.slice(0, -1);
          // kubectl's labelFunc says so for each object; annotate removes silently.
          if (field === "labels" && existing[key] === undefined)
            stdout += `label ${JSON.stringify(key)} not found.\n`;
          patch[key] = null;
        } else {
          const [k, ...v] = c.split("=");
          if (
            existing[k!] !== undefined &&
            existing[k!] !== v.join("=") &&
            !flagBool(p, "overwrite")
          )
            throw new CliError(
              `error: '${k}' already has a value (${existing[k!]}), and --overwrite is false`,
            );
          patch[k!] = v.join("=");
        }
      }
      expectObject(
        await ctx.env.request({
          method: "PATCH",
          path: objectPath(r.info, ns, name),
          contentType: "application/merge-patch+json",
          body: { metadata: { [field]: patch } },
        }),
      );
      stdout += `${kindName(r.info)}/${name} ${changeWord(field, existing, patch, flagBool(p, "overwrite"))}\n`;
    }
  }
  return { stdout, stderr: "", exitCode: 0 };
}

/**
 * kubectl's label compares the object's JSON before and after: "not labeled" when equal,
 * "unlabeled" when it got shorter without --overwrite; annotate always says "annotated".
 * Only the map changes, so comparing the map's JSON length is the same comparison.
 */
function changeWord(
  field: "labels" | "annotations",
  before: Record<string, string>,
  patch: Record<string, string | null>,
  overwrite: boolean,
): string {
  if (field === "annotations") return "annotated";
  const after: Record<string, string> = { ...before };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete after[k];
    else after[k] = v;
  }
  const size = (m: Record<string, string>) =>
    Object.keys(m).length ? JSON.stringify(m).length : 0;
  const same =
    Object.keys(before).length === Object.keys(after).length &&
    Object.entries(before).every(([k, v]) => after[k] === v);
  if (same) return "not labeled";
  return !overwrite && size(after) < size(before) ? "unlabeled" : "labeled";
}
