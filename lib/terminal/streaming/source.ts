// A streaming command as a source of output chunks: the first call prints what the tool
// prints at once (the table, the log so far), later calls what changed since. Sources read
// the sandbox through the CLI env, whose every read re-checks the sandbox row's version in
// Postgres, so a change made by another request - in this or another app instance - shows
// up at the next poll.

import type { CliEnv, Session } from "@/lib/sim/cli";

export interface Chunk {
  stdout: string;
  stderr: string;
  /** The command ended with this exit code (rollout finished, watch canceled, bad input). */
  exit?: number;
}

export interface StreamSource {
  next(): Promise<Chunk>;
}

export interface SourceContext {
  sandboxId: string;
  env: CliEnv;
  session: Session;
}

export const EMPTY: Chunk = { stdout: "", stderr: "" };
