// `kubeadm init [--config f.yaml] [--dry-run]`: the kubeadm model loads, validates and runs
// preflight against this host; the transcript is kubeadm's. A real (not --dry-run) init
// REBUILDS the sandbox from the config - a new etcd, machines, static pods and add-ons -
// exactly as the kubeadm model's topology describes it: one control-plane node, the others
// join later with `kubeadm join`.

import { createClusterSandbox } from "../../cluster/default-cluster";
import { runKubeadmInit, type InitFlags } from "../../kubeadm";
import { logRows } from "../../store/types";
import type { SandboxState } from "../../state";
import type { CommandContext, CommandResult } from "../types";
import { readConfigFile } from "./config-file";
import { kubeadmHost } from "./host";

const STACK = "To see the stack trace of this error execute with --v=5 or higher";

const RESET_HINT =
  "# 참고: 이 머신에는 이미 클러스터가 떠 있습니다. 새로 만들려면 먼저 `kubeadm reset -f`로 정리하세요.\n";

/** The cluster `init` leaves behind, as one sandbox value (old kubeconfig tokens keep working). */
function rebuilt(
  old: SandboxState,
  cfg: Parameters<typeof createClusterSandbox>[0]["config"],
  at: number,
) {
  const sb = createClusterSandbox({
    seed: old.seed,
    now: at,
    config: cfg!,
    controlPlanes: 1,
    workers: 0,
    bootedMsAgo: 0,
  });
  const world = sb.state.world!;
  const state: SandboxState = {
    ...sb.state,
    tokens: { ...old.tokens, ...sb.state.tokens },
    world: {
      ...world,
      kubeadm: { config: cfg!, controlPlanes: 1, workers: 0 },
      ...(old.world?.hostFiles ? { hostFiles: old.world.hostFiles } : {}),
    },
  };
  return {
    state,
    changes: {
      state: state.store,
      appended: [...logRows(state.store.log)],
      removed: [],
      leasesChanged: true,
      replaceAll: true,
    },
  };
}

export async function kubeadmInit(ctx: CommandContext, flags: InitFlags): Promise<CommandResult> {
  let configText: string | undefined;
  if ("config" in flags) {
    const path = String(flags.config);
    const read = await readConfigFile(ctx, path);
    if (!read.ok)
      return {
        stdout: "",
        stderr: `unable to read config from "${path}" : ${read.error}\n${STACK}\n`,
        exitCode: 1,
      };
    configText = read.text;
  }
  const dryRun = flags["dry-run"] === true;
  const outcome = await ctx.env.etcdStep((s, now) => {
    // Node creation timestamps have whole seconds; the host topology is rebuilt from them.
    const at = Math.ceil(Math.max(s.time, now) / 1000) * 1000;
    const { host, facts } = kubeadmHost(s, "init");
    const r = runKubeadmInit({
      flags,
      ...(configText !== undefined ? { configText } : {}),
      host,
      facts,
      now: at,
      pid: 4000 + (s.store.revision % 3000),
      seed: s.seed,
    });
    const unchanged = {
      state: s,
      changes: { state: s.store, appended: [], removed: [], leasesChanged: false },
    };
    if (!r.topology || r.dryRun || dryRun)
      return { ...unchanged, result: { r, preflight: facts.portsInUse.size > 0 } };
    return { ...rebuilt(s, r.topology.config, at), result: { r, preflight: false } };
  });
  const { output } = outcome.r;
  const hint = output.exitCode === 2 && outcome.preflight ? RESET_HINT : "";
  return { stdout: output.stdout, stderr: `${output.stderr}${hint}`, exitCode: output.exitCode };
}
