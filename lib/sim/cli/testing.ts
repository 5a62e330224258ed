// Test helper: the lesson's cluster in memory and a function running terminal lines on it.
import { createClusterSandbox } from "../cluster/default-cluster";
import { clusterEngineOptions } from "../cluster/loops";
import { memoryEnv, type MemoryEnv } from "./memory-env";
import { runCommandLine } from "./shell/run";
import { DEFAULT_SESSION, type CommandResult, type Session } from "./types";

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

export function labTerminal(
  seed = "cli-test",
  files: Readonly<Record<string, string>> = {},
): {
  env: MemoryEnv;
  run: (line: string, session?: Partial<Session>) => Promise<CommandResult>;
} {
  const sb = createClusterSandbox({ seed, now: T0 });
  const env = memoryEnv(sb.state, clusterEngineOptions(), files);
  return {
    env,
    run: (line, session = {}) => runCommandLine(line, env, { ...DEFAULT_SESSION, ...session }),
  };
}
