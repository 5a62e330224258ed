// Test helper: the lab terminal with workspace files (the lab editor's drafts) for --config.
import { createClusterSandbox } from "../../cluster/default-cluster";
import { clusterEngineOptions } from "../../cluster/loops";
import { memoryEnv, type MemoryEnv } from "../memory-env";
import { runCommandLine } from "../shell/run";
import { T0 } from "../testing";
import { DEFAULT_SESSION, type CommandResult } from "../types";

export function kubeadmLab(seed: string, files: Record<string, string> = {}) {
  const base = memoryEnv(createClusterSandbox({ seed, now: T0 }).state, clusterEngineOptions());
  const env: MemoryEnv = { ...base, files: async () => files };
  return {
    env,
    files,
    run: (line: string): Promise<CommandResult> => runCommandLine(line, env, DEFAULT_SESSION),
  };
}
