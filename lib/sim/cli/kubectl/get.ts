// kubectl get: resource arguments ("pods", "pods,svc", "pod/x", "all"), list with
// label/field selectors in one namespace or all (-A), or named objects; printed as
// a table (default, wide, --show-labels, -L) or by an -o printer; --sort-by; --raw.

import type { KubeObject } from "../../apiserver/object";
import { builtinRegistry } from "../../apiserver/resources/registry";
import { parseRequestInfo } from "../../apiserver/handler/request-info";
import { inWireOrder } from "../../apiserver/wire-order";
import type { ResourceInfo } from "../../apiserver/resources/resource-info";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import {
  collectionPath,
  expectObject,
  kindName,
  objectPath,
  resolveResource,
  serverError,
} from "./api";
import { printTable as serverTable } from "../../apiserver/printers";
import { flagArray, flagBool, flagString, parseFlags, type FlagSpec } from "./flags";
import { printerFor } from "./output";
import { sortObjectsBy } from "./sort-by";
import { printTable, tabwriteTables } from "./table-join";

export const GET_FLAGS: FlagSpec[] = [
  { name: "output", short: "o", type: "string" },
  { name: "selector", short: "l", type: "string" },
  { name: "field-selector", type: "string" },
  { name: "all-namespaces", short: "A", type: "bool" },
  { name: "watch", short: "w", type: "bool" },
  { name: "watch-only", type: "bool" },
  { name: "show-labels", type: "bool" },
  { name: "sort-by", type: "string" },
  { name: "no-headers", type: "bool" },
  { name: "label-columns", short: "L", type: "array" },
  { name: "raw", type: "string" },
  { name: "ignore-not-found", type: "bool" },
  { name: "chunk-size", type: "int" },
  { name: "show-kind", type: "bool" },
  { name: "filename", short: "f", type: "array" },
];

const NO_RESOURCE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

export interface ResourceRequest {
  info: ResourceInfo;
  names: string[];
}

/** kubectl's resource-builder argument forms. */
export async function resourceRequests(
  ctx: CommandContext,
  args: readonly string[],
): Promise<ResourceRequest[]> {
  const out: ResourceRequest[] = [];
  if (args.some((a) => a.includes("/"))) {
    for (const a of args) {
      const slash = a.indexOf("/");
      if (slash < 0)
        throw new CliError(
          `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        );
      const info = await resolveResource(ctx.env, a.slice(0, slash));
      const prev = out.find((r) => r.info === info);
      if (prev) prev.names.push(a.slice(slash + 1));
      else out.push({ info, names: [a.slice(slash + 1)] });
    }
    return out;
  }
  const [types, ...names] = args;
  for (const t of types!.split(",")) {
    if (t === "all")
      out.push(...builtinRegistry.inCategory("all").map((info) => ({ info, names })));
    else out.push({ info: await resolveResource(ctx.env, t), names: [...names] });
  }
  return out;
}

/**
 * List items come without apiVersion/kind on the wire; kubectl decodes them as
 * unstructured objects and fills both in, so -o yaml|json|jsonpath show them.
 */
export function withTypeMeta(o: KubeObject, info: ResourceInfo): KubeObject {
  if (o.apiVersion && o.kind) return o;
  const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
  return { ...o, apiVersion: o.apiVersion || apiVersion, kind: o.kind || info.kind };
}

function namespaceOf(ctx: CommandContext, p: ReturnType<typeof parseFlags>): string {
  return flagString(p, "namespace") ?? ctx.session.namespace;
}

async function raw(ctx: CommandContext, path: string): Promise<CommandResult> {
  const [pathname, query] = path.split("?");
  const resp = await ctx.env.request({
    method: "GET",
    path: pathname!,
    ...(query ? { query } : {}),
  });
  if (resp.kind === "text" && resp.code < 400)
    return { stdout: resp.body, stderr: "", exitCode: 0 };
  if (resp.kind === "object" && resp.code < 400) {
    // As the server writes it on the wire (wire-order.ts); a resource the built-in registry
    // does not serve is a custom resource.
    const info = parseRequestInfo("GET", pathname!, new URLSearchParams(query ?? ""));
    const custom =
      info.isResourceRequest &&
      !builtinRegistry.byResource(info.group, info.version, info.resource);
    return { stdout: JSON.stringify(inWireOrder(resp.body, custom)), stderr: "", exitCode: 0 };
  }
  if (resp.kind === "text") throw new CliError(`Error from server: ${resp.body}`);
  throw serverError(resp);
}

export async function kubectlGet(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(args, GET_FLAGS, "kubectl get");
  const rawPath = flagString(p, "raw");
  if (rawPath !== undefined) return raw(ctx, rawPath);
  if (p.positional.length === 0) throw new CliError(NO_RESOURCE);
  const output = flagString(p, "output") ?? "";
  const printer = printerFor(output, flagBool(p, "no-headers"));
  const allNs = flagBool(p, "all-namespaces");
  const namespace = namespaceOf(ctx, p);
  const requests = await resourceRequests(ctx, p.positional);
  const query: Record<string, string> = {};
  const sel = flagString(p, "selector");
  const fsel = flagString(p, "field-selector");
  if (sel) query.labelSelector = sel;
  if (fsel) query.fieldSelector = fsel;
  const now = ctx.env.now();
  const sortBy = flagString(p, "sort-by");
  // apiVersion/kind are read only by the -o printers and --sort-by's JSONPath; the table
  // printers never look at them, and the copy costs ~3 µs an item (a spread object
  // given two more keys is V8's slow path), so a plain `kubectl get` skips it.
  const typeMeta = printer !== undefined || sortBy !== undefined;
  const errors: string[] = [];
  const groups: { info: ResourceInfo; items: KubeObject[] }[] = [];
  for (const r of requests) {
    const ns = r.info.namespaced ? namespace : undefined;
    if (r.names.length === 0) {
      const resp = await ctx.env.request({
        method: "GET",
        path: collectionPath(r.info, allNs ? undefined : ns),
        query,
      });
      if (resp.kind === "status" && resp.code === 405 && requests.length > 1) continue;
      const list = expectObject<{ items?: KubeObject[] }>(resp);
      const items = list.items ?? [];
      groups.push({
        info: r.info,
        items: typeMeta ? items.map((o) => withTypeMeta(o, r.info)) : items,
      });
    } else {
      const items: KubeObject[] = [];
      for (const name of r.names) {
        const resp = await ctx.env.request({ method: "GET", path: objectPath(r.info, ns, name) });
        if (resp.kind === "object" && resp.code < 400) items.push(resp.body as KubeObject);
        else if (!(flagBool(p, "ignore-not-found") && resp.code === 404))
          errors.push(serverError(resp).stderr);
      }
      groups.push({ info: r.info, items });
    }
  }
  if (sortBy) for (const g of groups) g.items = sortObjectsBy(g.items, sortBy);
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  const single = requests.length === 1 && requests[0]!.names.length === 1;
  let stdout = "";
  if (printer) {
    const all = groups.flatMap((g) => g.items.map((o) => ({ o, info: g.info })));
    const kinds = new Map(all.map((x) => [x.o, kindName(x.info)]));
    if (
      total > 0 ||
      (!single && errors.length === 0 && (output.startsWith("json") || output === "yaml"))
    )
      stdout = printer.print(
        all.map((x) => x.o),
        single,
        (o) => kinds.get(o) ?? "",
      );
  } else {
    const multi = groups.length > 1 || p.positional[0] === "all";
    stdout = tabwriteTables(
      groups
        .filter((g) => g.items.length > 0)
        .map((g) =>
          printTable(
            serverTable(
              {
                group: g.info.group,
                resource: g.info.resource,
                ...(g.info.custom ? { custom: true } : {}),
              },
              g.items,
              { now },
            ),
            {
              wide: output === "wide",
              withNamespace: allNs && g.info.namespaced,
              showLabels: flagBool(p, "show-labels"),
              noHeaders: flagBool(p, "no-headers"),
              labelColumns: flagArray(p, "label-columns"),
              ...(multi || flagBool(p, "show-kind") ? { kindPrefix: kindName(g.info) } : {}),
            },
          ),
        ),
    );
  }
  let stderr = errors.map((e) => `${e}\n`).join("");
  if (
    total === 0 &&
    errors.length === 0 &&
    !single &&
    (!printer || output === "name" || output.startsWith("custom"))
  ) {
    const anyNamespaced = groups.some((g) => g.info.namespaced) || groups.length === 0;
    stderr =
      allNs || !anyNamespaced
        ? "No resources found\n"
        : `No resources found in ${namespace} namespace.\n`;
  }
  return { stdout, stderr, exitCode: errors.length ? 1 : 0 };
}
