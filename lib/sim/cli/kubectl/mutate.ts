// kubectl's writing commands: create (generators and -f), apply -f (client-side, with
// the last-applied annotation), delete, scale, label/annotate, cordon/uncordon.

import { parseAllDocuments } from "yaml";
import type { KubeObject } from "../../apiserver/object";
import { builtinRegistry } from "../../apiserver/resources/registry";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { collectionPath, discover, expectObject, kindName, objectPath, serverError } from "./api";
import { flagArray, flagBool, flagString, parseFlags } from "./flags";
import { resourceRequests } from "./get";
import { goJson } from "./output";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

function manifests(ctx: CommandContext, files: string[]): KubeObject[] {
  if (files.length === 0) throw new CliError("error: must specify one of -f and -k");
  const out: KubeObject[] = [];
  for (const f of files) {
    if (f !== "-")
      throw new CliError(
        `error: the path "${f}" does not exist\n(이 터미널에는 쓰기 가능한 파일이 없습니다: 'cat manifest.yaml | kubectl apply -f -' 대신 편집기의 적용 버튼이나 -f - 를 사용하세요)`,
      );
    for (const doc of parseAllDocuments(ctx.stdin)) {
      if (doc.errors.length)
        throw new CliError(
          `error: error parsing STDIN: error converting YAML to JSON: yaml: ${doc.errors[0]!.message}`,
        );
      const v = doc.toJS() as KubeObject | null;
      if (v === null) continue;
      if (v.kind === "List" && Array.isArray((v as { items?: unknown }).items))
        out.push(...(v as unknown as { items: KubeObject[] }).items);
      else out.push(v);
    }
  }
  if (out.length === 0) throw new CliError("error: no objects passed to apply");
  return out;
}

async function infoFor(ctx: CommandContext, o: KubeObject) {
  if (!o.apiVersion || !o.kind)
    throw new CliError(
      `error: error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false`,
    );
  const info =
    builtinRegistry.byApiVersionKind(o.apiVersion, o.kind) ??
    (await discover(ctx.env)).byApiVersionKind(o.apiVersion, o.kind);
  if (!info)
    throw new CliError(
      `error: resource mapping not found for name: "${o.metadata?.name ?? ""}" namespace: "${o.metadata?.namespace ?? ""}" from "STDIN": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first`,
    );
  return info;
}

function dryRunQuery(p: ReturnType<typeof parseFlags>): Record<string, string> {
  const d = flagString(p, "dry-run");
  if (d === undefined || d === "none") return {};
  if (d === "server") return { dryRun: "All" };
  if (d === "client") return { clientDryRun: "true" };
  throw new CliError(`error: Invalid dry-run value (${d}). Must be "none", "server", or "client".`);
}

const suffix = (p: ReturnType<typeof parseFlags>) => {
  const d = flagString(p, "dry-run");
  return d === "client" ? " (dry run)" : d === "server" ? " (server dry run)" : "";
};

const WRITE_FLAGS = [
  { name: "filename", short: "f", type: "array" as const },
  { name: "dry-run", type: "string" as const },
  { name: "output", short: "o", type: "string" as const },
  { name: "server-side", type: "bool" as const },
  { name: "force-conflicts", type: "bool" as const },
  { name: "field-manager", type: "string" as const },
  { name: "validate", type: "string" as const },
  { name: "save-config", type: "bool" as const },
];

export async function kubectlApply(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(args, WRITE_FLAGS, "kubectl apply");
  const dry = dryRunQuery(p);
  let stdout = "";
  for (const raw of manifests(ctx, flagArray(p, "filename"))) {
    const info = await infoFor(ctx, raw);
    const ns = info.namespaced
      ? (raw.metadata?.namespace ?? flagString(p, "namespace") ?? ctx.session.namespace)
      : undefined;
    const name = raw.metadata?.name ?? "";
    const label = `${kindName(info)}/${name}`;
    if (flagBool(p, "server-side")) {
      const resp = await ctx.env.request({
        method: "PATCH",
        path: objectPath(info, ns, name),
        query: {
          fieldManager: flagString(p, "field-manager") ?? "kubectl",
          ...(flagBool(p, "force-conflicts") ? { force: "true" } : {}),
          ...(dry.dryRun ? dry : {}),
        },
        contentType: "application/apply-patch+yaml",
        body: raw,
      });
      expectObject(resp);
      stdout += `${label} serverside-applied${suffix(p)}\n`;
      continue;
    }
    const obj: KubeObject = {
      ...raw,
      metadata: {
        ...raw.metadata,
        ...(ns ? { namespace: ns } : {}),
        annotations: {
          ...(raw.metadata?.annotations ?? {}),
          [LAST_APPLIED]: `${JSON.stringify(raw)}\n`,
        },
      },
    };
    const current = await ctx.env.request({ method: "GET", path: objectPath(info, ns, name) });
    if (current.code === 404) {
      if (!dry.clientDryRun)
        expectObject(
          await ctx.env.request({
            method: "POST",
            path: collectionPath(info, ns),
            body: obj,
            ...(dry.dryRun ? { query: dry } : {}),
          }),
        );
      stdout += `${label} created${suffix(p)}\n`;
      continue;
    }
    const cur = expectObject<KubeObject>(current);
    const prevApplied = cur.metadata.annotations?.[LAST_APPLIED];
    if (prevApplied === obj.metadata.annotations?.[LAST_APPLIED]) {
      stdout += `${label} unchanged${suffix(p)}\n`;
      continue;
    }
    if (!dry.clientDryRun) {
      // A JSON merge patch of the new configuration (fields removed from the previous
      // last-applied configuration become null so the server drops them).
      const prev = prevApplied ? (JSON.parse(prevApplied) as Record<string, unknown>) : {};
      const patch = mergeDiff(prev, obj as unknown as Record<string, unknown>);
      expectObject(
        await ctx.env.request({
          method: "PATCH",
          path: objectPath(info, ns, name),
          contentType: "application/merge-patch+json",
          body: patch,
          ...(dry.dryRun ? { query: dry } : {}),
        }),
      );
    }
    stdout += `${label} configured${suffix(p)}\n`;
  }
  return { stdout, stderr: "", exitCode: 0 };
}

/** The merge patch turning the last-applied configuration into the new one. */
function mergeDiff(
  prev: Record<string, unknown>,
  next: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    const pv = prev[k];
    if (
      v &&
      typeof v === "object" &&
      !Array.isArray(v) &&
      pv &&
      typeof pv === "object" &&
      !Array.isArray(pv)
    )
      out[k] = mergeDiff(pv as Record<string, unknown>, v as Record<string, unknown>);
    else out[k] = v;
  }
  for (const k of Object.keys(prev)) if (!(k in next)) out[k] = null;
  return out;
}

export async function kubectlCreateFromFiles(
  p: ReturnType<typeof parseFlags>,
  ctx: CommandContext,
): Promise<CommandResult> {
  const dry = dryRunQuery(p);
  let stdout = "";
  let stderr = "";
  for (const raw of manifests(ctx, flagArray(p, "filename"))) {
    const info = await infoFor(ctx, raw);
    const ns = info.namespaced
      ? (raw.metadata?.namespace ?? flagString(p, "namespace") ?? ctx.session.namespace)
      : undefined;
    const resp = dry.clientDryRun
      ? undefined
      : await ctx.env.request({
          method: "POST",
          path: collectionPath(info, ns),
          body: raw,
          ...(dry.dryRun ? { query: dry } : {}),
        });
    if (resp && (resp.kind !== "object" || resp.code >= 400)) {
      stderr += `${serverError(resp).stderr}\n`;
      continue;
    }
    const name = resp ? (resp.body as KubeObject).metadata.name : raw.metadata?.name;
    stdout += `${kindName(info)}/${name} created${suffix(p)}\n`;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

export async function kubectlDelete(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      ...WRITE_FLAGS,
      { name: "grace-period", type: "int" },
      { name: "now", type: "bool" },
      { name: "force", type: "bool" },
      { name: "cascade", type: "string" },
      { name: "wait", type: "bool" },
      { name: "all", type: "bool" },
      { name: "selector", short: "l", type: "string" },
      { name: "ignore-not-found", type: "bool" },
      { name: "all-namespaces", short: "A", type: "bool" },
    ],
    "kubectl delete",
  );
  if (p.positional.length === 0)
    throw new CliError(
      `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
    );
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  const cascade = flagString(p, "cascade") ?? "background";
  const propagationPolicy =
    cascade === "orphan" || cascade === "false"
      ? "Orphan"
      : cascade === "foreground"
        ? "Foreground"
        : "Background";
  const body: Record<string, unknown> = { propagationPolicy };
  const grace = flagString(p, "grace-period");
  if (flagBool(p, "now")) body.gracePeriodSeconds = 1;
  if (grace !== undefined) body.gracePeriodSeconds = Number(grace);
  let stdout = "";
  let stderr = flagBool(p, "force")
    ? "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n"
    : "";
  if (flagBool(p, "force") && grace === undefined) body.gracePeriodSeconds = 0;
  const requests = await resourceRequests(ctx, p.positional);
  for (const r of requests) {
    let names = r.names;
    const sel = flagString(p, "selector");
    if (names.length === 0) {
      if (!flagBool(p, "all") && !sel)
        throw new CliError(`error: resource(s) were provided, but no name was specified`);
      const list = expectObject<{ items: KubeObject[] }>(
        await ctx.env.request({
          method: "GET",
          path: collectionPath(r.info, ns),
          ...(sel ? { query: { labelSelector: sel } } : {}),
        }),
      );
      names = list.items.map((o) => o.metadata.name ?? "");
      if (!names.length) stderr += `No resources found\n`;
    }
    for (const name of names) {
      const resp = await ctx.env.request({
        method: "DELETE",
        path: objectPath(r.info, ns, name),
        body,
      });
      if (resp.code >= 400) {
        if (!(resp.code === 404 && flagBool(p, "ignore-not-found")))
          stderr += `${serverError(resp).stderr}\n`;
      } else stdout += `${kindName(r.info)} "${name}" deleted\n`;
    }
  }
  return {
    stdout,
    stderr,
    exitCode:
      stderr && !stdout && !flagBool(p, "force") ? 1 : stderr.includes("Error from server") ? 1 : 0,
  };
}

export async function kubectlScale(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "replicas", type: "int" },
      { name: "current-replicas", type: "int" },
    ],
    "kubectl scale",
  );
  const replicas = flagString(p, "replicas");
  if (replicas === undefined) throw new CliError('error: required flag(s) "replicas" not set');
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  let stdout = "";
  for (const r of await resourceRequests(ctx, p.positional)) {
    for (const name of r.names) {
      expectObject(
        await ctx.env.request({
          method: "PATCH",
          path: `${objectPath(r.info, ns, name)}/scale`,
          contentType: "application/merge-patch+json",
          body: { spec: { replicas: Number(replicas) } },
        }),
      );
      stdout += `${kindName(r.info)}/${name} scaled\n`;
    }
  }
  return { stdout, stderr: "", exitCode: 0 };
}

/** label / annotate: key=value sets, key- removes; --overwrite needed to change a value. */
export async function kubectlMeta(
  field: "labels" | "annotations",
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const verb = field === "labels" ? "label" : "annotate";
  const p = parseFlags(
    args,
    [
      { name: "overwrite", type: "bool" },
      { name: "all", type: "bool" },
      { name: "list", type: "bool" },
    ],
    `kubectl ${verb}`,
  );
  const changes = p.positional.filter((a) => /=/.test(a) || /-$/.test(a));
  const targets = p.positional.filter((a) => !changes.includes(a));
  if (changes.length === 0) throw new CliError("error: at least one label update is required");
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  let stdout = "";
  for (const r of await resourceRequests(ctx, targets)) {
    for (const name of r.names) {
      const cur = expectObject<KubeObject>(
        await ctx.env.request({ method: "GET", path: objectPath(r.info, ns, name) }),
      );
      const existing = (cur.metadata[field] ?? {}) as Record<string, string>;
      const patch: Record<string, string | null> = {};
      for (const c of changes) {
        if (c.endsWith("-") && !c.includes("=")) patch[c.slice(0, -1)] = null;
        else {
          const [k, ...v] = c.split("=");
          if (
            existing[k!] !== undefined &&
            existing[k!] !== v.join("=") &&
            !flagBool(p, "overwrite")
          )
            throw new CliError(
              `error: '${k}' already has a value (${existing[k!]}), and --overwrite is false`,
            );
          patch[k!] = v.join("=");
        }
      }
      expectObject(
        await ctx.env.request({
          method: "PATCH",
          path: objectPath(r.info, ns, name),
          contentType: "application/merge-patch+json",
          body: { metadata: { [field]: patch } },
        }),
      );
      stdout += `${kindName(r.info)}/${name} ${field === "labels" ? "labeled" : "annotated"}\n`;
    }
  }
  return { stdout, stderr: "", exitCode: 0 };
}

export async function kubectlCordon(
  unschedulable: boolean,
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "dry-run", type: "string" },
      { name: "selector", short: "l", type: "string" },
    ],
    `kubectl ${unschedulable ? "cordon" : "uncordon"}`,
  );
  const info = builtinRegistry.resolve("nodes")!;
  let stdout = "";
  for (const name of p.positional) {
    const node = expectObject<KubeObject>(
      await ctx.env.request({ method: "GET", path: objectPath(info, undefined, name) }),
    );
    const already =
      Boolean((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable) ===
      unschedulable;
    if (!already)
      expectObject(
        await ctx.env.request({
          method: "PATCH",
          path: objectPath(info, undefined, name),
          contentType: "application/strategic-merge-patch+json",
          body: { spec: { unschedulable: unschedulable ? true : null } },
        }),
      );
    stdout += `node/${name} ${already ? "already " : ""}${unschedulable ? "cordoned" : "uncordoned"}\n`;
  }
  return { stdout, stderr: "", exitCode: 0 };
}

export { goJson };
