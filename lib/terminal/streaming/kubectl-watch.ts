// `kubectl get <type> [name] -w | --watch-only`: the list first (unless --watch-only), then
// one line per watch event from the list's resourceVersion, as kubectl prints them: a table
// row (wide, with namespace under -A) printed on its own, or the object in the -o format.
// Events come from the API server's watch on the newest sandbox state, so the rows show
// what changed, not a re-run of the list.

import { fixedClock, handle, ADMIN_USER, type SandboxState } from "@/lib/sim";
import type { KubeObject } from "@/lib/sim/apiserver/object";
import { printTable as serverTable } from "@/lib/sim/apiserver/printers";
import { CliError, type CommandResult } from "@/lib/sim/cli";
import { collectionPath, kindName } from "@/lib/sim/cli/kubectl/api";
import { flagBool, flagString, parseFlags } from "@/lib/sim/cli/kubectl/flags";
import { GET_FLAGS, resourceRequests } from "@/lib/sim/cli/kubectl/get";
import { printerFor } from "@/lib/sim/cli/kubectl/output";
import { printTable } from "@/lib/sim/cli/kubectl/table";
import { runPinned } from "./pinned";
import { EMPTY, type Chunk, type SourceContext, type StreamSource } from "./source";

const fromError = (e: unknown): Chunk => {
  if (e instanceof CliError) return { stdout: "", stderr: `${e.stderr}\n`, exit: e.exitCode };
  throw e;
};

export async function kubectlWatch(
  argv: readonly string[],
  ctx: SourceContext,
): Promise<StreamSource> {
  let p: ReturnType<typeof parseFlags>;
  let info: Awaited<ReturnType<typeof resourceRequests>>[number]["info"];
  let names: string[];
  try {
    p = parseFlags(argv.slice(2), GET_FLAGS, "kubectl get");
    const requests = await resourceRequests(
      { env: ctx.env, session: ctx.session, stdin: "" },
      p.positional,
    );
    if (requests.length !== 1)
      throw new CliError("error: you may only specify a single resource type", 1);
    info = requests[0]!.info;
    names = requests[0]!.names;
    if (names.length > 1)
      throw new CliError(
        "error: watch is only supported on individual resources and resource collections, but 2 resources were found",
        1,
      );
  } catch (e) {
    const c = fromError(e);
    return { next: async () => c };
  }
  const output = flagString(p, "output") ?? "";
  const allNs = flagBool(p, "all-namespaces");
  const namespace = flagString(p, "namespace") ?? ctx.session.namespace;
  const query = new URLSearchParams({ watch: "true" });
  const sel = flagString(p, "selector");
  const fields = [
    flagString(p, "field-selector"),
    names[0] ? `metadata.name=${names[0]}` : undefined,
  ].filter(Boolean);
  if (sel) query.set("labelSelector", sel);
  if (fields.length) query.set("fieldSelector", fields.join(","));
  const path = collectionPath(info, info.namespaced && !allNs ? namespace : undefined);
  const printer = printerFor(output, true);
  const render = (o: KubeObject, now: number): string => {
    if (printer) {
      const text = printer.print([o], true, () => kindName(info));
      return output === "yaml" ? `---\n${text}` : text;
    }
    return printTable(
      serverTable(
        { group: info.group, resource: info.resource, ...(info.custom ? { custom: true } : {}) },
        [o],
        { now },
      ),
      {
        wide: output === "wide",
        withNamespace: allNs && info.namespaced,
        showLabels: flagBool(p, "show-labels"),
        noHeaders: true,
      },
    );
  };
  // The snapshot line: the same command without its watch flags.
  const listLine = [
    "kubectl",
    ...argv.slice(1).filter((a) => !/^(-w|--watch|--watch-only)(=true)?$/.test(a)),
  ]
    .map((a) => (/^[\w./:=,-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`))
    .join(" ");
  let rv = "";
  let first = true;
  return {
    async next(): Promise<Chunk> {
      const state: SandboxState = await ctx.env.state();
      if (first) {
        first = false;
        rv = String(state.store.revision);
        if (flagBool(p, "watch-only")) return EMPTY;
        const r: CommandResult = await runPinned(listLine, state, ctx.session);
        return { stdout: r.stdout, stderr: r.stderr, ...(r.exitCode ? { exit: r.exitCode } : {}) };
      }
      if (Number(rv) >= state.store.revision) return EMPTY;
      query.set("resourceVersion", rv);
      const res = handle(
        state,
        { method: "GET", path, query: query.toString(), user: ADMIN_USER },
        fixedClock(state.time),
      ).response;
      if (res.kind !== "watch") return { stdout: "", stderr: "", exit: 1 };
      rv = res.resourceVersion;
      let stdout = "";
      for (const e of res.events) {
        if (e.type === "BOOKMARK") continue;
        if (e.type === "ERROR") {
          const status = e.object as { message?: string };
          return { stdout, stderr: `error: ${status.message ?? "watch closed"}\n`, exit: 1 };
        }
        stdout += render(e.object as KubeObject, state.time);
      }
      return { stdout, stderr: "" };
    },
  };
}
