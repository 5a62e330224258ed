// kubectl's command table: argv → subcommand, with kubectl's texts for unknown
// commands. Subcommands not simulated say so plainly (in Korean) instead of guessing.

import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { kubectlCreate } from "./create";
import { kubectlExec, kubectlLogs } from "./exec-logs";
import { GLOBAL_FLAGS } from "./flags";
import { kubectlGet } from "./get";
import {
  kubectlApiResources,
  kubectlApiVersions,
  kubectlClusterInfo,
  kubectlConfig,
  kubectlVersion,
} from "./info";
import { kubectlAuth } from "./auth-can-i";
import { kubectlEvents } from "./events";
import { kubectlPatch, kubectlTaint } from "./patch-taint";
import { kubectlReplace } from "./replace";
import { kubectlRollout } from "./rollout";
import { kubectlExpose, kubectlRun } from "./run-expose";
import { kubectlTop } from "./top";
import { kubectlApply } from "./apply";
import { kubectlCordon } from "./cordon";
import { kubectlDelete } from "./delete";
import { kubectlDescribe } from "./describe/describe";
import { kubectlDrain } from "./drain";
import { kubectlEdit } from "./edit";
import { kubectlExplain } from "./explain";
import { kubectlMeta } from "./label-annotate";
import { kubectlScale } from "./scale";

type Sub = (args: readonly string[], ctx: CommandContext) => Promise<CommandResult>;

export const KUBECTL_COMMANDS: Record<string, Sub> = {
  get: kubectlGet,
  create: kubectlCreate,
  apply: kubectlApply,
  delete: kubectlDelete,
  scale: kubectlScale,
  label: (a, c) => kubectlMeta("labels", a, c),
  annotate: (a, c) => kubectlMeta("annotations", a, c),
  cordon: (a, c) => kubectlCordon(true, a, c),
  uncordon: (a, c) => kubectlCordon(false, a, c),
  patch: kubectlPatch,
  taint: kubectlTaint,
  replace: kubectlReplace,
  rollout: kubectlRollout,
  run: kubectlRun,
  expose: kubectlExpose,
  top: kubectlTop,
  auth: kubectlAuth,
  events: kubectlEvents,
  describe: kubectlDescribe,
  drain: kubectlDrain,
  edit: kubectlEdit,
  exec: kubectlExec,
  explain: kubectlExplain,
  logs: kubectlLogs,
  version: kubectlVersion,
  "cluster-info": kubectlClusterInfo,
  "api-resources": kubectlApiResources,
  "api-versions": kubectlApiVersions,
  config: kubectlConfig,
};

/** kubectl commands that exist but this simulator does not run yet. */
const NOT_SIMULATED = [
  "set",
  "wait",
  "port-forward",
  "proxy",
  "cp",
  "attach",
  "debug",
  "diff",
  "kustomize",
  "certificate",
  "autoscale",
  "plugin",
  "completion",
  "alpha",
];

export const KUBECTL_USAGE = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  get             Display one or many resources
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Usage:
  kubectl [flags] [options]
`;

export async function kubectl(
  argv: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  // Global flags may come before the subcommand: kubectl -n kube-system get pods.
  const args = [...argv.slice(1)];
  const lead: string[] = [];
  while (args[0]?.startsWith("-")) {
    const a = args.shift()!;
    lead.push(a);
    const name = a.replace(/^-+/, "");
    const spec = GLOBAL_FLAGS.find((f) => f.name === name || f.short === name);
    if (spec && spec.type !== "bool" && !a.includes("=") && args.length) lead.push(args.shift()!);
  }
  const sub = args.shift();
  if (sub === undefined) return { stdout: KUBECTL_USAGE, stderr: "", exitCode: 0 };
  const run = KUBECTL_COMMANDS[sub];
  if (run) return run([...lead, ...args], ctx);
  if (NOT_SIMULATED.includes(sub))
    throw new CliError(`kubectl ${sub}: 이 시뮬레이터에서는 아직 지원하지 않는 명령입니다.`, 1);
  throw new CliError(`error: unknown command "${sub}" for "kubectl"`, 1);
}
