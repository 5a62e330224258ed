// kubectl's command table: argv → subcommand, with kubectl's texts for unknown
// commands. Subcommands not simulated say so plainly (in Korean) instead of guessing.

import { CliError } from "../errors";
import type { CliEnv, CommandContext, CommandResult } from "../types";
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

/** `kubectl` alone (captured from kubectl 1.28). */
export const KUBECTL_USAGE = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller
  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller

Cluster Management Commands:
  certificate     Modify certificate resources
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  attach          Attach to a running container
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod
  proxy           Run a proxy to the Kubernetes API server
  cp              Copy files and directories to and from containers
  auth            Inspect authorization
  debug           Create debugging sessions for troubleshooting workloads and nodes
  events          List events

Advanced Commands:
  diff            Diff the live version against a would-be applied version
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources
  kustomize       Build a kustomization target from a directory or URL

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource
  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)

Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of "group/version"
  config          Modify kubeconfig files
  plugin          Provides utilities for interacting with plugins
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** cobra's SuggestionsFor: Levenshtein distance ≤ 2, or a prefix. */
function suggestions(typed: string, names: readonly string[]): string[] {
  const lev = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [
      i,
      ...Array<number>(b.length).fill(0),
    ]);
    for (let j = 1; j <= b.length; j++) d[0]![j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        d[i]![j] = Math.min(
          d[i - 1]![j]! + 1,
          d[i]![j - 1]! + 1,
          d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
    return d[a.length]![b.length]!;
  };
  const t = typed.toLowerCase();
  return [...new Set(names)]
    .filter((n) => lev(t, n.toLowerCase()) <= 2 || n.toLowerCase().startsWith(t))
    .sort();
}

/**
 * The API server's Warning headers (deprecated APIs such as v1 ComponentStatus,
 * dropped unknown fields…): kubectl's warning handler prints each distinct one
 * once on stderr as "Warning: <text>", before the command's own messages.
 */
async function withServerWarnings(
  ctx: CommandContext,
  run: (ctx: CommandContext) => Promise<CommandResult>,
): Promise<CommandResult> {
  const seen: string[] = [];
  // A copy of the env (every CliEnv is a plain object of functions), not an object
  // inheriting from it: Object.create turned each command's fresh env into a prototype,
  // which V8 pays for with a map change and cold lookups (~10 µs of every command).
  const env: CliEnv = {
    ...ctx.env,
    request: async (req: Parameters<CliEnv["request"]>[0]) => {
      const resp = await ctx.env.request(req);
      if (resp.kind === "object")
        for (const w of resp.warnings ?? []) if (!seen.includes(w)) seen.push(w);
      return resp;
    },
  };
  const prefix = () => seen.map((w) => `Warning: ${w}\n`).join("");
  try {
    const r = await run({ ...ctx, env });
    return seen.length ? { ...r, stderr: prefix() + r.stderr } : r;
  } catch (e) {
    if (e instanceof CliError && seen.length)
      throw new CliError(prefix() + e.stderr.replace(/\n$/, ""), e.exitCode, e.stdout);
    throw e;
  }
}

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
  // cobra resolves nested subcommands (create configmap, rollout status, auth can-i)
  // around flags; our commands read their first positionals as those names, so the
  // leading global flags go after the leading positionals, still before later flags.
  const at = args.findIndex((a) => a.startsWith("-"));
  const split = at < 0 ? args.length : at;
  const ordered = [...args.slice(0, split), ...lead, ...args.slice(split)];
  if (run) return withServerWarnings(ctx, (c) => run(ordered, c));
  if (NOT_SIMULATED.includes(sub))
    throw new CliError(`kubectl ${sub}: 이 시뮬레이터에서는 아직 지원하지 않는 명령입니다.`, 1);
  const near = suggestions(sub, [...Object.keys(KUBECTL_COMMANDS), ...NOT_SIMULATED]);
  throw new CliError(
    `error: unknown command "${sub}" for "kubectl"${near.length ? `\n\nDid you mean this?\n${near.map((n) => `\t${n}`).join("\n")}\n` : ""}`,
    1,
  );
}
