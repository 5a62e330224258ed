// kubectl top nodes|pods. The simulator has no metrics-server (the REST face
// answers the metrics API with 404, so a real kubectl prints "error: Metrics API
// not available"); a terminal lesson still needs numbers, so usage is derived
// here, deterministically, from what the pods request: a running pod uses a
// fixed share of its requests (a small baseline when it requests nothing), a
// node the sum of its running pods plus the host's own processes. The same
// sandbox therefore always shows the same figures.

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import { parseQuantity, quantityMilliValue, quantityValue } from "../../quantity/quantity";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { expectObject } from "./api";
import { goTabwrite } from "./describe/tabwriter";
import { flagBool, flagString, parseFlags } from "./flags";

const MI = 1024 * 1024;

/** A stable number in [0, 1) from a name (FNV-1a). */
function unit(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

interface Usage {
  milliCpu: number;
  bytes: number;
}

/** Derived usage of one container: 30–80 % of its requests, or a small idle baseline. */
function containerUsage(pod: any, c: any): Usage {
  const u = unit(`${pod.metadata.uid}/${c.name}`);
  const req = c.resources?.requests ?? {};
  const cpu = req.cpu ? quantityMilliValue(parseQuantity(String(req.cpu))) : 0;
  const mem = req.memory ? quantityValue(parseQuantity(String(req.memory))) : 0;
  return {
    milliCpu: cpu ? Math.max(1, Math.round(cpu * (0.3 + 0.5 * u))) : 1 + Math.round(4 * u),
    bytes: mem ? Math.round(mem * (0.3 + 0.5 * u)) : Math.round((4 + 28 * u) * MI),
  };
}

const running = (p: any) => p.status?.phase === "Running";

function podUsage(pod: any): Usage {
  const all = (pod.spec?.containers ?? []).map((c: any) => containerUsage(pod, c));
  return {
    milliCpu: all.reduce((s: number, x: Usage) => s + x.milliCpu, 0),
    bytes: all.reduce((s: number, x: Usage) => s + x.bytes, 0),
  };
}

const cell = (u: Usage) => [`${u.milliCpu}m`, `${Math.trunc(u.bytes / MI)}Mi`];

/** Every cell tab-terminated, as kubectl's TopCmdPrinter writes them (trailing padding). */
const table = (rows: string[][]) =>
  goTabwrite(rows.map((r) => `${r.join("\t")}\t\n`).join(""), 6, 3);

function sortRows<T extends { name: string; usage: Usage }>(
  rows: T[],
  by: string | undefined,
): T[] {
  if (by && by !== "cpu" && by !== "memory")
    throw new CliError(`error: --sort-by accepts only cpu or memory`);
  return rows.sort((a, b) =>
    by === "cpu"
      ? b.usage.milliCpu - a.usage.milliCpu
      : by === "memory"
        ? b.usage.bytes - a.usage.bytes
        : a.name < b.name
          ? -1
          : 1,
  );
}

async function topNodes(
  ctx: CommandContext,
  p: ReturnType<typeof parseFlags>,
): Promise<CommandResult> {
  const sel = flagString(p, "selector");
  const name = p.positional[1];
  const nodes = name
    ? [expectObject<any>(await ctx.env.request({ method: "GET", path: `/api/v1/nodes/${name}` }))]
    : expectObject<{ items: any[] }>(
        await ctx.env.request({
          method: "GET",
          path: "/api/v1/nodes",
          ...(sel ? { query: { labelSelector: sel } } : {}),
        }),
      ).items;
  if (!nodes.length) return { stdout: "", stderr: "No resources found\n", exitCode: 0 };
  const pods = expectObject<{ items: any[] }>(
    await ctx.env.request({ method: "GET", path: "/api/v1/pods" }),
  ).items;
  const rows = nodes.map((n) => {
    const mine = pods.filter((x) => x.spec?.nodeName === n.metadata.name && running(x));
    // The host's own processes (kubelet, container runtime, OS) use some too.
    const base = {
      milliCpu: 40 + Math.round(40 * unit(n.metadata.name)),
      bytes: Math.round((500 + 300 * unit(`${n.metadata.name}/mem`)) * MI),
    };
    const usage = mine
      .map(podUsage)
      .reduce((s, u) => ({ milliCpu: s.milliCpu + u.milliCpu, bytes: s.bytes + u.bytes }), base);
    return { name: n.metadata.name as string, usage, node: n };
  });
  const out: string[][] = flagBool(p, "no-headers")
    ? []
    : [["NAME", "CPU(cores)", "CPU%", "MEMORY(bytes)", "MEMORY%"]];
  for (const r of sortRows(rows, flagString(p, "sort-by"))) {
    const alloc = r.node.status?.allocatable ?? {};
    const cpuAlloc = alloc.cpu ? quantityMilliValue(parseQuantity(String(alloc.cpu))) : 0;
    const memAlloc = alloc.memory ? quantityMilliValue(parseQuantity(String(alloc.memory))) : 0;
    const [cpu, mem] = cell(r.usage);
    out.push([
      r.name,
      cpu!,
      `${cpuAlloc ? Math.trunc((r.usage.milliCpu / cpuAlloc) * 100) : 0}%`,
      mem!,
      `${memAlloc ? Math.trunc(((r.usage.bytes * 1000) / memAlloc) * 100) : 0}%`,
    ]);
  }
  return { stdout: table(out), stderr: "", exitCode: 0 };
}

async function topPods(
  ctx: CommandContext,
  p: ReturnType<typeof parseFlags>,
): Promise<CommandResult> {
  const all = flagBool(p, "all-namespaces");
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  const sel = flagString(p, "selector");
  const name = p.positional[1];
  const base = all ? "/api/v1/pods" : `/api/v1/namespaces/${ns}/pods`;
  const pods = name
    ? [expectObject<any>(await ctx.env.request({ method: "GET", path: `${base}/${name}` }))]
    : expectObject<{ items: any[] }>(
        await ctx.env.request({
          method: "GET",
          path: base,
          ...(sel ? { query: { labelSelector: sel } } : {}),
        }),
      ).items;
  const live = pods.filter(running);
  if (name && !live.length) throw new CliError(`error: metrics not available yet`);
  if (!live.length)
    return {
      stdout: "",
      stderr: all ? "No resources found\n" : `No resources found in ${ns} namespace.\n`,
      exitCode: 0,
    };
  const containers = flagBool(p, "containers");
  const head = [
    ...(all ? ["NAMESPACE"] : []),
    ...(containers ? ["POD"] : []),
    "NAME",
    "CPU(cores)",
    "MEMORY(bytes)",
  ];
  const out: string[][] = flagBool(p, "no-headers") ? [] : [head];
  const rows = sortRows(
    live.map((pod) => ({
      name: `${all ? `${pod.metadata.namespace}/` : ""}${pod.metadata.name}`,
      usage: podUsage(pod),
      pod,
    })),
    flagString(p, "sort-by"),
  );
  const total = { milliCpu: 0, bytes: 0 };
  for (const { pod, usage } of rows) {
    total.milliCpu += usage.milliCpu;
    total.bytes += usage.bytes;
    const lead = all ? [pod.metadata.namespace] : [];
    if (containers)
      for (const c of pod.spec?.containers ?? [])
        out.push([...lead, pod.metadata.name, c.name, ...cell(containerUsage(pod, c))]);
    else out.push([...lead, pod.metadata.name, ...cell(usage)]);
  }
  if (flagBool(p, "sum")) {
    const pad = head.length - 2;
    out.push([...Array(pad).fill(""), "________", "________"]);
    out.push([...Array(pad).fill(""), ...cell(total)]);
  }
  return { stdout: table(out), stderr: "", exitCode: 0 };
}

/** The subcommand in pflag's "See 'kubectl top node --help'" line. */
const TOP_PATH: Record<string, string> = {
  node: " node",
  nodes: " node",
  no: " node",
  pod: " pod",
  pods: " pod",
  po: " pod",
};

export async function kubectlTop(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "selector", short: "l", type: "string" },
      { name: "all-namespaces", short: "A", type: "bool" },
      { name: "sort-by", type: "string" },
      { name: "no-headers", type: "bool" },
      { name: "containers", type: "bool" },
      { name: "sum", type: "bool" },
      { name: "use-protocol-buffers", type: "bool" },
      { name: "show-capacity", type: "bool" },
      { name: "field-selector", type: "string" },
    ],
    `kubectl top${TOP_PATH[args.find((a) => !a.startsWith("-")) ?? ""] ?? ""}`,
  );
  const sub = p.positional[0];
  if (sub === "node" || sub === "nodes" || sub === "no") return topNodes(ctx, p);
  if (sub === "pod" || sub === "pods" || sub === "po") return topPods(ctx, p);
  if (sub === undefined)
    return {
      stdout:
        'Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]\n\nUse "kubectl top <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
      stderr: "",
      exitCode: 0,
    };
  throw new CliError(`error: unknown command "${sub}" for "kubectl top"`);
}
