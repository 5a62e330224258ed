// kubectl top nodes|pods, as k8s.io/kubectl/pkg/cmd/top does it: read the
// metrics.k8s.io API (served by the simulator's API server from derived usage,
// lib/sim/apiserver/metrics), then the nodes for their allocatable, and print with
// TopCmdPrinter's rules. A real kubectl against the sandbox's REST face reads the
// same API, so both faces print the same figures.

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import { parseQuantity, quantityMilliValue, quantityValue } from "../../quantity/quantity";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { expectObject } from "./api";
import { goTabwrite } from "./describe/tabwriter";
import { flagBool, flagString, parseFlags } from "./flags";

const METRICS = "/apis/metrics.k8s.io/v1beta1";
const MI = 1024 * 1024;
/** metricsCreationDelay: a pod younger than this may simply not have been scraped yet. */
const CREATION_DELAY_MS = 2 * 60 * 1000;

interface Usage {
  milliCpu: number;
  bytes: number;
}

function usageOf(list: any): Usage {
  const q = (v: unknown) => (v === undefined ? undefined : parseQuantity(String(v)));
  const cpu = q(list?.cpu);
  const mem = q(list?.memory);
  return {
    milliCpu: cpu ? quantityMilliValue(cpu) : 0,
    bytes: mem ? quantityValue(mem) : 0,
  };
}

const podUsage = (m: any): Usage =>
  (m.containers ?? []).reduce(
    (s: Usage, c: any) => {
      const u = usageOf(c.usage);
      return { milliCpu: s.milliCpu + u.milliCpu, bytes: s.bytes + u.bytes };
    },
    { milliCpu: 0, bytes: 0 },
  );

const cells = (u: Usage) => [`${u.milliCpu}m`, `${Math.trunc(u.bytes / MI)}Mi`];

/** Every cell tab-terminated, as kubectl's TopCmdPrinter writes them (trailing padding). */
const table = (rows: string[][]) =>
  goTabwrite(rows.map((r) => `${r.join("\t")}\t\n`).join(""), 6, 3);

function checkSortBy(by: string | undefined): void {
  if (by && by !== "cpu" && by !== "memory")
    throw new CliError(`error: --sort-by accepts only cpu or memory`);
}

/** The metrics sorters: by usage (descending) or else by (namespace,) name. */
function sorter<T>(by: string | undefined, usage: (x: T) => Usage, key: (x: T) => string) {
  return (a: T, b: T) =>
    by === "cpu"
      ? usage(b).milliCpu - usage(a).milliCpu
      : by === "memory"
        ? usage(b).bytes - usage(a).bytes
        : key(a) < key(b)
          ? -1
          : key(a) > key(b)
            ? 1
            : 0;
}

async function metricsApi(ctx: CommandContext, path: string, query?: Record<string, string>) {
  const resp = await ctx.env.request({ method: "GET", path, ...(query ? { query } : {}) });
  // No metrics.k8s.io group in discovery: kubectl stops before asking.
  if (resp.kind === "status" && resp.code === 404 && !resp.body.details?.name)
    throw new CliError("error: Metrics API not available");
  return expectObject<any>(resp);
}

function selectors(p: ReturnType<typeof parseFlags>): Record<string, string> | undefined {
  const sel = flagString(p, "selector");
  const field = flagString(p, "field-selector");
  const q: Record<string, string> = {};
  if (sel) q.labelSelector = sel;
  if (field) q.fieldSelector = field;
  return Object.keys(q).length ? q : undefined;
}

async function topNodes(
  ctx: CommandContext,
  p: ReturnType<typeof parseFlags>,
): Promise<CommandResult> {
  const by = flagString(p, "sort-by");
  checkSortBy(by);
  const name = p.positional[1];
  const sel = flagString(p, "selector");
  const q = sel ? { labelSelector: sel } : undefined;
  const metrics: any[] = name
    ? [await metricsApi(ctx, `${METRICS}/nodes/${name}`)]
    : (await metricsApi(ctx, `${METRICS}/nodes`, q)).items;
  if (!metrics.length) throw new CliError("error: metrics not available yet");
  const nodes: any[] = name
    ? [expectObject<any>(await ctx.env.request({ method: "GET", path: `/api/v1/nodes/${name}` }))]
    : expectObject<{ items: any[] }>(
        await ctx.env.request({ method: "GET", path: "/api/v1/nodes", ...(q ? { query: q } : {}) }),
      ).items;
  const capacity = flagBool(p, "show-capacity");
  const available = new Map<string, any>(
    nodes.map((n) => [
      n.metadata.name,
      (capacity ? n.status?.capacity : n.status?.allocatable) ?? {},
    ]),
  );
  const out: string[][] = flagBool(p, "no-headers")
    ? []
    : [["NAME", "CPU(cores)", "CPU%", "MEMORY(bytes)", "MEMORY%"]];
  const rows = metrics.map((m) => ({ name: String(m.metadata.name), usage: usageOf(m.usage) }));
  rows.sort(
    sorter(
      by,
      (r) => r.usage,
      (r) => r.name,
    ),
  );
  for (const r of rows) {
    const [cpu, mem] = cells(r.usage);
    const avail = available.get(r.name);
    const pct = (used: number, total: unknown) =>
      `${Math.trunc((used / quantityMilliValue(parseQuantity(String(total ?? 0)))) * 100)}%`;
    out.push(
      avail
        ? [
            r.name,
            cpu!,
            pct(r.usage.milliCpu, avail.cpu),
            mem!,
            pct(r.usage.bytes * 1000, avail.memory),
          ]
        : [r.name, cpu!, mem!],
    );
    available.delete(r.name);
  }
  // printMissingMetricsNodeLine: "<unknown>" then printValue("\t"), i.e. two empty cells.
  for (const missing of available.keys())
    out.push([missing, "<unknown>", "", "", "<unknown>", "", ""]);
  return { stdout: table(out), stderr: "", exitCode: 0 };
}

/** Go's time.Duration.String() for a whole number of milliseconds. */
function goDuration(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toString();
  return `${h ? `${h}h` : ""}${h || m ? `${m}m` : ""}${s}s`;
}

/** verifyEmptyMetrics: why a pod list produced no metrics. */
async function explainEmpty(ctx: CommandContext, podsPath: string, q?: Record<string, string>) {
  const pods = expectObject<{ items: any[] }>(
    await ctx.env.request({ method: "GET", path: podsPath, ...(q ? { query: q } : {}) }),
  ).items;
  if (!pods.length) return;
  for (const pod of pods) {
    const age = ctx.env.now() - Date.parse(pod.metadata.creationTimestamp);
    if (age > CREATION_DELAY_MS)
      throw new CliError(
        `error: Metrics not available for pod ${pod.metadata.namespace}/${pod.metadata.name}, age: ${goDuration(age)}`,
      );
  }
  throw new CliError("error: metrics not available yet");
}

async function topPods(
  ctx: CommandContext,
  p: ReturnType<typeof parseFlags>,
): Promise<CommandResult> {
  const by = flagString(p, "sort-by");
  checkSortBy(by);
  const all = flagBool(p, "all-namespaces");
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  const name = p.positional[1];
  const scope = all ? "" : `/namespaces/${ns}`;
  const q = selectors(p);
  const metrics: any[] = name
    ? [await metricsApi(ctx, `${METRICS}${scope}/pods/${name}`)]
    : (await metricsApi(ctx, `${METRICS}${scope}/pods`, q)).items;
  if (!metrics.length) {
    await explainEmpty(ctx, `/api/v1${scope}/pods`, q);
    return {
      stdout: "",
      stderr: all ? "No resources found\n" : `No resources found in ${ns} namespace.\n`,
      exitCode: 0,
    };
  }
  const containers = flagBool(p, "containers");
  const noHeaders = flagBool(p, "no-headers");
  // kubectl widens the sum's padding only while printing headers.
  const width = 3 + (noHeaders ? 0 : (all ? 1 : 0) + (containers ? 1 : 0));
  const out: string[][] = noHeaders
    ? []
    : [
        [
          ...(all ? ["NAMESPACE"] : []),
          ...(containers ? ["POD"] : []),
          "NAME",
          "CPU(cores)",
          "MEMORY(bytes)",
        ],
      ];
  const rows = metrics.map((m) => ({ m, usage: podUsage(m) }));
  rows.sort(
    sorter(
      by,
      (r) => r.usage,
      (r) => `${all ? `${r.m.metadata.namespace}\u0000` : ""}${r.m.metadata.name}`,
    ),
  );
  const total = { milliCpu: 0, bytes: 0 };
  for (const { m, usage } of rows) {
    total.milliCpu += usage.milliCpu;
    total.bytes += usage.bytes;
    const lead = all ? [m.metadata.namespace] : [];
    if (!containers) {
      out.push([...lead, m.metadata.name, ...cells(usage)]);
      continue;
    }
    const list: { name: string; usage: Usage }[] = (m.containers ?? []).map((c: any) => ({
      name: String(c.name),
      usage: usageOf(c.usage),
    }));
    list.sort(
      sorter(
        by,
        (c) => c.usage,
        (c) => c.name,
      ),
    );
    for (const c of list) out.push([...lead, m.metadata.name, c.name, ...cells(c.usage)]);
  }
  if (flagBool(p, "sum")) {
    const pad = Array<string>(width - 2).fill("");
    out.push([...pad, "________", "________"]);
    out.push([...pad, ...cells(total)]);
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
