// kubectl drain: cordon the node, sort its pods through kubectl's filters
// (DaemonSet-managed, mirror, local storage, unreplicated) into errors,
// warnings and pods to evict, then evict them through the eviction subresource
// (or delete them with --disable-eviction). Texts from k8s.io/kubectl/pkg/drain.

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import { builtinRegistry } from "../../apiserver/resources/registry";
import { parseGoDuration } from "../../kubeadm/duration";
import { CliError } from "../errors";
import { evictAndWait } from "./drain-evict";
import type { CommandContext, CommandResult } from "../types";
import { expectObject, objectPath } from "./api";
import { flagBool, flagString, parseFlags } from "./flags";

const DS_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
const DS_WARNING = "ignoring DaemonSet-managed Pods";
const LOCAL_FATAL = "Pods with local storage (use --delete-emptydir-data to override)";
const LOCAL_WARNING = "deleting Pods with local storage";
const UNMANAGED_FATAL = "Pods declare no controller (use --force to override)";
const UNMANAGED_WARNING = "deleting Pods that declare no controller";

interface Sorted {
  errors: Map<string, string[]>;
  warnings: Map<string, string[]>;
  evict: any[];
}

/** Go iterates these maps in random order; a fixed order keeps the terminal's output stable. */
const ORDER = [
  DS_FATAL,
  LOCAL_FATAL,
  UNMANAGED_FATAL,
  DS_WARNING,
  LOCAL_WARNING,
  UNMANAGED_WARNING,
];
const ordered = (m: Map<string, string[]>) =>
  [...m].sort((a, b) => ORDER.indexOf(a[0]) - ORDER.indexOf(b[0]));

const add = (m: Map<string, string[]>, msg: string, pod: any) =>
  m.set(msg, [...(m.get(msg) ?? []), `${pod.metadata.namespace}/${pod.metadata.name}`]);

/** GetPodsForDeletion's filters, in kubectl's order. */
async function sortPods(
  ctx: CommandContext,
  pods: any[],
  opts: Record<string, boolean>,
): Promise<Sorted> {
  const out: Sorted = { errors: new Map(), warnings: new Map(), evict: [] };
  for (const pod of pods) {
    const finished = pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
    const ctrl = pod.metadata.ownerReferences?.find((r: any) => r.controller);
    if (ctrl?.kind === "DaemonSet") {
      const ds = await ctx.env.request({
        method: "GET",
        path: `/apis/apps/v1/namespaces/${pod.metadata.namespace}/daemonsets/${ctrl.name}`,
      });
      // A pod whose DaemonSet is gone is treated as unmanaged (--force deletes it).
      if (ds.code < 400) {
        if (opts.ignoreDaemonSets) add(out.warnings, DS_WARNING, pod);
        else add(out.errors, DS_FATAL, pod);
        continue;
      }
    }
    if (pod.metadata.annotations?.["kubernetes.io/config.mirror"]) continue;
    if (!finished && (pod.spec?.volumes ?? []).some((v: any) => v.emptyDir)) {
      if (!opts.deleteEmptyDir) {
        add(out.errors, LOCAL_FATAL, pod);
        continue;
      }
      add(out.warnings, LOCAL_WARNING, pod);
    }
    if (!finished && (!ctrl || ctrl.kind === "DaemonSet")) {
      if (!opts.force) {
        add(out.errors, UNMANAGED_FATAL, pod);
        continue;
      }
      add(out.warnings, UNMANAGED_WARNING, pod);
    }
    out.evict.push(pod);
  }
  return out;
}

export async function kubectlDrain(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "ignore-daemonsets", type: "bool" },
      { name: "delete-emptydir-data", type: "bool" },
      { name: "delete-local-data", type: "bool" },
      { name: "force", type: "bool" },
      { name: "grace-period", type: "int" },
      { name: "timeout", type: "string" },
      { name: "pod-selector", type: "string" },
      { name: "selector", short: "l", type: "string" },
      { name: "disable-eviction", type: "bool" },
      { name: "skip-wait-for-delete-timeout", type: "int" },
      { name: "chunk-size", type: "int" },
      { name: "dry-run", type: "string" },
    ],
    "kubectl drain",
  );
  if (!p.positional.length && !flagString(p, "selector"))
    throw new CliError(
      "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples",
    );
  const dry = flagString(p, "dry-run");
  if (dry && dry !== "none" && dry !== "client" && dry !== "server")
    throw new CliError(
      `error: Invalid dry-run value (${dry}). Must be "none", "server", or "client".`,
    );
  const suffix = dry === "client" ? " (dry run)" : dry === "server" ? " (server dry run)" : "";
  const writes = !dry || dry === "none";
  const timeoutText = flagString(p, "timeout");
  const timeoutMs = timeoutText === undefined ? undefined : parseGoDuration(timeoutText);
  if (timeoutMs === null)
    throw new CliError(
      `error: invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"\nSee 'kubectl drain --help' for usage.`,
    );
  let stderr = flagBool(p, "delete-local-data")
    ? "Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.\n"
    : "";
  const opts = {
    ignoreDaemonSets: flagBool(p, "ignore-daemonsets"),
    deleteEmptyDir: flagBool(p, "delete-emptydir-data") || flagBool(p, "delete-local-data"),
    force: flagBool(p, "force"),
  };
  const nodes = builtinRegistry.resolve("nodes")!;
  let names = p.positional;
  if (!names.length) {
    const list = expectObject<{ items: any[] }>(
      await ctx.env.request({
        method: "GET",
        path: "/api/v1/nodes",
        query: { labelSelector: flagString(p, "selector")! },
      }),
    );
    names = list.items.map((n) => n.metadata.name);
  }
  let stdout = "";
  const fatal: string[] = [];
  const remaining: string[] = [];
  for (const name of names) {
    const node = expectObject<any>(
      await ctx.env.request({ method: "GET", path: objectPath(nodes, undefined, name) }),
    );
    if (node.spec?.unschedulable) stdout += `node/${name} already cordoned${suffix}\n`;
    else {
      if (writes)
        expectObject(
          await ctx.env.request({
            method: "PATCH",
            path: objectPath(nodes, undefined, name),
            contentType: "application/strategic-merge-patch+json",
            body: { spec: { unschedulable: true } },
          }),
        );
      stdout += `node/${name} cordoned${suffix}\n`;
    }
    const podSel = flagString(p, "pod-selector");
    const pods = expectObject<{ items: any[] }>(
      await ctx.env.request({
        method: "GET",
        path: "/api/v1/pods",
        query: {
          fieldSelector: `spec.nodeName=${name}`,
          ...(podSel ? { labelSelector: podSel } : {}),
        },
      }),
    ).items;
    const sorted = await sortPods(ctx, pods, opts);
    if (sorted.errors.size) {
      const errs = ordered(sorted.errors).map(
        ([msg, ps]) => `cannot delete ${msg}: ${ps.join(", ")}`,
      );
      const text = errs.length === 1 ? errs[0]! : `[${errs.join(", ")}]`;
      stderr += `error: unable to drain node "${name}" due to error:${text}, continuing command...\n`;
      remaining.push(name);
      fatal.push(...errs);
      continue;
    }
    if (sorted.warnings.size)
      stderr += `Warning: ${ordered(sorted.warnings)
        .map(([msg, ps]) => `${msg}: ${ps.join(", ")}`)
        .join("; ")}\n`;
    const grace = flagString(p, "grace-period");
    const deleteOptions =
      grace !== undefined && Number(grace) >= 0 ? { gracePeriodSeconds: Number(grace) } : undefined;
    const evict = !flagBool(p, "disable-eviction");
    if (writes) {
      const r = await evictAndWait(ctx, sorted.evict, {
        evict,
        ...(deleteOptions ? { deleteOptions } : {}),
        timeoutMs: timeoutMs ?? 0,
      });
      stdout += r.stdout;
      stderr += r.stderr;
      if (r.errors.length) {
        // utilerrors.NewAggregate: one message as is, several in brackets.
        const agg = r.errors.length === 1 ? r.errors[0]! : `[${r.errors.join(", ")}]`;
        stderr += `error: unable to drain node "${name}" due to error:${agg}, continuing command...\n`;
        remaining.push(name);
        fatal.push(`error: ${agg}`);
        continue;
      }
    } else {
      for (const pod of sorted.evict) {
        if (evict)
          stdout += `evicting pod ${pod.metadata.namespace}/${pod.metadata.name}${suffix}\n`;
      }
      for (const pod of sorted.evict)
        stdout += `pod/${pod.metadata.name} ${evict ? "evicted" : "deleted"}${suffix}\n`;
    }
    stdout += `node/${name} drained${suffix}\n`;
  }
  if (fatal.length) {
    stderr += `There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join("")}${fatal.map((f) => `${f}\n`).join("")}`;
    return { stdout, stderr, exitCode: 1 };
  }
  return { stdout, stderr, exitCode: 0 };
}
