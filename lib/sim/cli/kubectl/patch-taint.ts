// kubectl patch (strategic / merge / json) and kubectl taint.

import type { KubeObject } from "../../apiserver/object";
import { builtinRegistry } from "../../apiserver/resources/registry";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { expectObject, kindName, objectPath } from "./api";
import { flagBool, flagString, parseFlags } from "./flags";
import { resourceRequests } from "./get";

const PATCH_TYPES: Record<string, string> = {
  strategic: "application/strategic-merge-patch+json",
  merge: "application/merge-patch+json",
  json: "application/json-patch+json",
};

export async function kubectlPatch(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "patch", short: "p", type: "string" },
      { name: "type", type: "string" },
      { name: "dry-run", type: "string" },
      { name: "subresource", type: "string" },
    ],
    "kubectl patch",
  );
  const raw = flagString(p, "patch");
  if (raw === undefined)
    throw new CliError(
      "error: must specify --patch or --patch-file containing the contents of the patch",
    );
  const type = flagString(p, "type") ?? "strategic";
  const contentType = PATCH_TYPES[type];
  if (!contentType)
    throw new CliError(`error: --type must be one of [json merge strategic], not "${type}"`);
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new CliError(`error: unable to parse "${raw}": yaml: did not find expected node content`);
  }
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  let stdout = "";
  for (const r of await resourceRequests(ctx, p.positional)) {
    for (const name of r.names) {
      const before = expectObject<KubeObject>(
        await ctx.env.request({ method: "GET", path: objectPath(r.info, ns, name) }),
      );
      const sub = flagString(p, "subresource");
      const after = expectObject<KubeObject>(
        await ctx.env.request({
          method: "PATCH",
          path: `${objectPath(r.info, ns, name)}${sub ? `/${sub}` : ""}`,
          contentType,
          body,
          ...(flagString(p, "dry-run") === "server" ? { query: { dryRun: "All" } } : {}),
        }),
      );
      const same = after.metadata.resourceVersion === before.metadata.resourceVersion;
      stdout += `${kindName(r.info)}/${name} ${same ? "patched (no change)" : "patched"}\n`;
    }
  }
  return { stdout, stderr: "", exitCode: 0 };
}

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

function parseTaint(spec: string): { taint: Taint; remove: boolean } {
  const remove = spec.endsWith("-");
  const s = remove ? spec.slice(0, -1) : spec;
  const [kv, effect] = s.split(":");
  const [key, value] = kv!.split("=");
  if (!key || (!remove && !effect))
    throw new CliError(`error: invalid taint spec: ${spec}, unknown taint spec`);
  if (effect && !["NoSchedule", "PreferNoSchedule", "NoExecute"].includes(effect))
    throw new CliError(
      `error: invalid taint spec: ${spec}, invalid taint effect: ${effect}, unsupported taint effect`,
    );
  return {
    taint: { key, ...(value !== undefined ? { value } : {}), effect: effect ?? "" },
    remove,
  };
}

export async function kubectlTaint(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "overwrite", type: "bool" },
      { name: "all", type: "bool" },
    ],
    "kubectl taint",
  );
  const [kind, name, ...specs] = p.positional;
  if (kind !== "nodes" && kind !== "node" && kind !== "no")
    throw new CliError(`error: invalid resource type ${kind ?? ""}, only node types are supported`);
  if (!name || specs.length === 0)
    throw new CliError("error: at least one taint update is required");
  const info = builtinRegistry.resolve("nodes")!;
  const node = expectObject<KubeObject & { spec?: { taints?: Taint[] } }>(
    await ctx.env.request({ method: "GET", path: objectPath(info, undefined, name) }),
  );
  let taints = [...(node.spec?.taints ?? [])];
  for (const spec of specs) {
    const { taint, remove } = parseTaint(spec);
    const matches = (t: Taint) =>
      t.key === taint.key && (!taint.effect || t.effect === taint.effect);
    if (remove) {
      if (!taints.some(matches))
        throw new CliError(`error: taint "${spec.slice(0, -1)}" not found`);
      taints = taints.filter((t) => !matches(t));
    } else {
      const existing = taints.find((t) => t.key === taint.key && t.effect === taint.effect);
      if (existing && !flagBool(p, "overwrite"))
        throw new CliError(
          `error: node ${name} already has ${taint.key} taint(s) with same effect(s) and --overwrite is false`,
        );
      taints = [...taints.filter((t) => t !== existing), taint];
    }
  }
  expectObject(
    await ctx.env.request({
      method: "PATCH",
      path: objectPath(info, undefined, name),
      contentType: "application/merge-patch+json",
      body: { spec: { taints: taints.length ? taints : null } },
    }),
  );
  return {
    stdout: `node/${name} ${specs.every((s) => s.endsWith("-")) ? "untainted" : "tainted"}\n`,
    stderr: "",
    exitCode: 0,
  };
}
