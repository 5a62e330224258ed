// `etcdctl watch <key> [--prefix] [--rev N] [--prev-kv]`: the events from --rev (or from
// the next revision) on, each pass reading the revisions the store gained since the last.

import { CliError } from "@/lib/sim/cli";
import { parseEtcdctlFlags } from "@/lib/sim/cli/etcdctl/common";
import { watchBatch, watchSpec, type WatchSpec } from "@/lib/sim/cli/etcdctl/watch";
import { EMPTY, type Chunk, type SourceContext, type StreamSource } from "./source";

function specOf(argv: readonly string[]): { spec: WatchSpec } | { error: Chunk } {
  try {
    const p = parseEtcdctlFlags(argv.slice(1));
    const [, ...args] = p.positional;
    return { spec: watchSpec(args, p) };
  } catch (e) {
    if (e instanceof CliError)
      return { error: { stdout: "", stderr: `${e.stderr}\n`, exit: e.exitCode } };
    throw e;
  }
}

export function etcdWatch(argv: readonly string[], ctx: SourceContext): StreamSource {
  const parsed = specOf(argv);
  if ("error" in parsed) return { next: async () => parsed.error };
  const spec = parsed.spec;
  let from = spec.startRevision;
  return {
    async next(): Promise<Chunk> {
      const state = await ctx.env.state();
      if (!from) from = state.store.revision + 1;
      if (from > state.store.revision) return EMPTY;
      const r = watchBatch(state, spec, from);
      from = state.store.revision + 1;
      return { stdout: r.stdout, stderr: r.stderr, ...(r.exitCode ? { exit: r.exitCode } : {}) };
    },
  };
}
