// kubeadm 1.28 on the lab's control-plane host. Read-only commands (version, token list,
// certs check-expiration, config print, config images list, config validate) read the
// sandbox's kubeadm topology; init / join / reset change the cluster's shape (init.ts,
// join.ts, reset.ts). Config files come from the learner's workspace (--config f.yaml).

import {
  checkExpirationOutput,
  imagesList,
  klogLine,
  printInitDefaults,
  printJoinDefaults,
  tokenListOutput,
  validateConfigFile,
} from "../../kubeadm";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { hostTopology } from "../shell/host";
import { readConfigFile } from "./config-file";
import { parseKubeadmArgs } from "./flags";
import { kubeadmHost } from "./host";
import { kubeadmInit } from "./init";
import { kubeadmJoin } from "./join";
import { kubeadmReset } from "./reset";
import { kubeadmToken } from "./token";

const STACK = "To see the stack trace of this error execute with --v=5 or higher";

/** kubeadm v1.28.0, the release whose Kubernetes version the cluster runs (kubernetesVersion v1.28.0). */
export const KUBEADM_VERSION =
  'kubeadm version: &version.Info{Major:"1", Minor:"28", GitVersion:"v1.28.0", GitCommit:"855e7c48de7388eb330da0f8d9d2394ee818fb8d", GitTreeState:"clean", BuildDate:"2023-08-15T10:20:15Z", GoVersion:"go1.20.7", Compiler:"gc", Platform:"linux/amd64"}\n';

const USAGE =
  "Usage:\n  kubeadm [command]\n\nAvailable Commands:\n  certs       Commands related to handling kubernetes certificates\n  completion  Output shell completion code for the specified shell (bash or zsh)\n  config      Manage configuration for a kubeadm cluster persisted in a ConfigMap in the cluster\n  help        Help about any command\n  init        Run this command in order to set up the Kubernetes control plane\n  join        Run this on any machine you wish to join an existing cluster\n  kubeconfig  Kubeconfig file utilities\n  reset       Performs a best effort revert of changes made to this host by 'kubeadm init' or 'kubeadm join'\n  token       Manage bootstrap tokens\n  upgrade     Upgrade your cluster smoothly to a newer version with this command\n  version     Print the version of kubeadm\n\nFlags:\n  -h, --help                     help for kubeadm\n      --rootfs string            [EXPERIMENTAL] The path to the 'real' host root filesystem.\n\nAdditional help topics:\n  kubeadm alpha      Kubeadm experimental sub-commands\n\nUse \"kubeadm [command] --help\" for more information about a command.\n";

const ok = (stdout: string): CommandResult => ({ stdout, stderr: "", exitCode: 0 });
const fail = (message: string, exitCode = 1): CommandResult => ({
  stdout: "",
  stderr: `${message}\n${STACK}\n`,
  exitCode,
});

async function configValidate(ctx: CommandContext, config: string | boolean | undefined) {
  if (typeof config !== "string" || !config) return fail("the --config flag is mandatory");
  const read = await readConfigFile(ctx, config);
  if (!read.ok) return fail(read.error);
  const state = await ctx.env.state();
  const { host } = kubeadmHost(state, "validate");
  const r = validateConfigFile(read.text, { host });
  if (!r.ok) return { stdout: "", stderr: r.error.toStderr(), exitCode: r.error.exitCode };
  const now = ctx.env.now();
  const warnings = r.warnings.map((w) => `${klogLine("W", now, 4100, w)}\n`).join("");
  return { stdout: r.stdout, stderr: warnings, exitCode: 0 };
}

export async function kubeadm(
  argv: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const a = parseKubeadmArgs(argv.slice(1));
  const [cmd, sub] = a.positional;
  const words = a.positional.join(" ");
  if (cmd === undefined) return ok(USAGE);
  if (words === "version") return ok(KUBEADM_VERSION);
  if (words === "config print init-defaults") return ok(printInitDefaults());
  if (words === "config print join-defaults") return ok(printJoinDefaults());
  if (words === "config validate") return configValidate(ctx, a.flags.config);
  if (cmd === "init") {
    if (a.positional.length > 1 && sub !== "phase")
      return fail(`unknown command "${sub}" for "kubeadm init"`);
    return kubeadmInit(ctx, a.flags);
  }
  if (cmd === "join") return kubeadmJoin(ctx, a);
  if (cmd === "reset") return kubeadmReset(ctx, a.flags.force === true);
  if (cmd === "token" && (sub === "create" || sub === "delete")) return kubeadmToken(ctx, a);
  const state = await ctx.env.state();
  const t = hostTopology(state);
  const noCluster = () =>
    fail(
      "failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory",
    );
  if (words === "token list") return t ? ok(tokenListOutput(t.tokens, ctx.env.now())) : noCluster();
  if (words === "certs check-expiration")
    return t ? ok(checkExpirationOutput(t, ctx.env.now())) : noCluster();
  if (words === "config images list")
    return t ? ok(`${imagesList(t.config.cluster).join("\n")}\n`) : noCluster();
  if (["config", "token", "certs"].includes(cmd))
    throw new CliError(`unknown command "${sub ?? ""}" for "kubeadm ${cmd}"\n${STACK}`, 1);
  throw new CliError(`unknown command "${cmd}" for "kubeadm"\n${STACK}`, 1);
}
