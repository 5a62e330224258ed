// kubectl cordon / uncordon: spec.unschedulable through a strategic merge patch.

import type { KubeObject } from "../../apiserver/object";
import { builtinRegistry } from "../../apiserver/resources/registry";
import type { CommandContext, CommandResult } from "../types";
import { expectObject, objectPath } from "./api";
import { parseFlags } from "./flags";

export async function kubectlCordon(
  unschedulable: boolean,
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "dry-run", type: "string" },
      { name: "selector", short: "l", type: "string" },
    ],
    `kubectl ${unschedulable ? "cordon" : "uncordon"}`,
  );
  const info = builtinRegistry.resolve("nodes")!;
  let stdout = "";
  for (const name of p.positional) {
    const node = expectObject<KubeObject>(
      await ctx.env.request({ method: "GET", path: objectPath(info, undefined, name) }),
    );
    const already =
      Boolean((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable) ===
      unschedulable;
    if (!already)
      expectObject(
        await ctx.env.request({
          method: "PATCH",
          path: objectPath(info, undefined, name),
          contentType: "application/strategic-merge-patch+json",
          body: { spec: { unschedulable: unschedulable ? true : null } },
        }),
      );
    stdout += `node/${name} ${already ? "already " : ""}${unschedulable ? "cordoned" : "uncordoned"}\n`;
  }
  return { stdout, stderr: "", exitCode: 0 };
}
