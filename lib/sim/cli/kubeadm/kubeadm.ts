// kubeadm on the lab's control-plane host: the read-only commands over the sandbox's
// topology (token list, certs check-expiration, config print init-defaults, config
// images list, version). init/join change the cluster's shape and run from the lab's
// kubeadm panel with a config file, not from this terminal (said plainly below).

import {
  checkExpirationOutput,
  printInitDefaults,
  printJoinDefaults,
  tokenListOutput,
} from "../../kubeadm";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { hostTopology } from "../shell/host";

const VERSION =
  'kubeadm version: &version.Info{Major:"1", Minor:"28", GitVersion:"v1.28.15", GitCommit:"841856557ef0f6a399096c42635d114d6f2cf7f4", GitTreeState:"clean", BuildDate:"2024-10-22T20:32:38Z", GoVersion:"go1.22.8", Compiler:"gc", Platform:"linux/amd64"}\n';

export async function kubeadm(
  argv: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const args = argv.slice(1).filter((a) => !a.startsWith("--v=") && a !== "-v");
  const cmd = args.join(" ");
  if (cmd === "version") return { stdout: VERSION, stderr: "", exitCode: 0 };
  if (cmd === "config print init-defaults")
    return { stdout: printInitDefaults(), stderr: "", exitCode: 0 };
  if (cmd === "config print join-defaults")
    return { stdout: printJoinDefaults(), stderr: "", exitCode: 0 };
  const state = await ctx.env.state();
  const t = hostTopology(state);
  if (cmd === "token list" || cmd === "certs check-expiration") {
    if (!t) throw new CliError("이 샌드박스에는 kubeadm으로 만든 클러스터가 없습니다.", 1);
    return {
      stdout:
        cmd === "token list"
          ? tokenListOutput(t.tokens, ctx.env.now())
          : checkExpirationOutput(t, ctx.env.now()),
      stderr: "",
      exitCode: 0,
    };
  }
  if (
    args[0] === "init" ||
    args[0] === "join" ||
    (args[0] === "config" && args[1] === "validate") ||
    args[0] === "reset"
  )
    throw new CliError(
      `kubeadm ${args[0]}: 이 터미널에는 설정 파일을 쓸 곳이 없습니다. 실습의 kubeadm 편집기에서 설정을 작성하고 실행하세요.`,
      1,
    );
  if (args.length === 0)
    return {
      stdout:
        "Usage:\n  kubeadm [command]\n\nAvailable Commands:\n  certs       Commands related to handling kubernetes certificates\n  config      Manage configuration for a kubeadm cluster persisted in a ConfigMap in the cluster\n  init        Run this command in order to set up the Kubernetes control plane\n  join        Run this on any machine you wish to join an existing cluster\n  token       Manage bootstrap tokens\n  version     Print the version of kubeadm\n",
      stderr: "",
      exitCode: 0,
    };
  throw new CliError(
    `unknown command "${args[0]}" for "kubeadm"\nTo see the stack trace of this error execute with --v=5 or higher`,
    1,
  );
}
