// kubectl apply -f: client-side apply (create with the last-applied annotation, or
// a three-way strategic merge patch against it) and --server-side (an
// application/apply-patch+yaml PATCH, answered by the engine's apply support).

import type { ApiResponse } from "../../apiserver/handler/types";
import type { KubeObject } from "../../apiserver/object";
import type { ResourceInfo } from "../../apiserver/resources/resource-info";
import { withTemplateTimestamps } from "../../apiserver/template-timestamps";
import { toGoYaml } from "../../topology/go-yaml";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { collectionPath, expectObject, kindName, objectPath, serverError } from "./api";
import { flagArray, flagBool, flagString, parseFlags, type ParsedArgs } from "./flags";
import { goJson, withoutManagedFields } from "./output";
import { manifestInfo, manifestNamespace, readManifests, type Manifest } from "./manifests";
import { strategicSafe, threeWayPatch } from "./three-way-patch";
import { dryRunQuery, dryRunSuffix, WRITE_FLAGS } from "./write-flags";
import { goJsonEscapes } from "./go-value";

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** Go's json.Marshal of an unstructured object: compact, keys sorted. */
export function compactSortedJson(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : x && typeof x === "object"
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, sort((x as Record<string, unknown>)[k])]),
          )
        : x;
  return JSON.stringify(sort(v));
}

/** The object as applied, with the annotation kubectl stores (itself minus that annotation). */
export function withLastApplied(raw: KubeObject, ns: string | undefined): KubeObject {
  const { [LAST_APPLIED]: _old, ...annotations } = raw.metadata?.annotations ?? {};
  void _old;
  const base = {
    ...raw,
    metadata: { ...raw.metadata, annotations, ...(ns ? { namespace: ns } : {}) },
  } as KubeObject;
  return {
    ...base,
    metadata: {
      ...base.metadata,
      annotations: { ...annotations, [LAST_APPLIED]: `${compactSortedJson(base)}\n` },
    },
  };
}

/** cmdutil.AddSourceToErr: the server's message prefixed by what kubectl was doing. */
const SSA_CONFLICT_ADVICE = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

function withSource(resp: ApiResponse, doing: string, source: string): string {
  const e = serverError(resp).stderr;
  return e.replace(/^(Error from server(?: \([^)]*\))?: )/, `$1error when ${doing} "${source}": `);
}

function resourceLine(info: ResourceInfo, name: string, ns: string | undefined): string {
  const gv = info.group ? `${info.group}/${info.version}` : `/${info.version}`;
  return `Resource: "${gv}, Resource=${info.resource}", GroupVersionKind: "${gv}, Kind=${info.kind}"\nName: "${name}", Namespace: "${ns ?? ""}"`;
}

async function applyOne(
  ctx: CommandContext,
  p: ParsedArgs,
  m: Manifest,
): Promise<{ line?: string; error?: string; warning?: string; obj?: KubeObject }> {
  const info = await manifestInfo(ctx, m);
  const ns = manifestNamespace(info, m, flagString(p, "namespace"), ctx.session.namespace);
  const name = m.obj.metadata?.name ?? "";
  if (!name)
    throw new CliError(
      `error: error when retrieving current configuration of:\n${resourceLine(info, "", ns)}\nfrom server for: "${m.source}": resource name may not be empty`,
    );
  const label = `${kindName(info)}/${name}`;
  const dry = dryRunQuery(p);
  const serverDry: Record<string, string> = dry.dryRun ? { dryRun: dry.dryRun } : {};
  if (flagBool(p, "server-side")) {
    const resp = await ctx.env.request({
      method: "PATCH",
      path: objectPath(info, ns, name),
      query: {
        fieldManager: flagString(p, "field-manager") ?? "kubectl",
        ...(flagBool(p, "force-conflicts") ? { force: "true" } : {}),
        ...serverDry,
      },
      contentType: "application/apply-patch+yaml",
      body: { ...m.obj, metadata: { ...m.obj.metadata, ...(ns ? { namespace: ns } : {}) } },
    });
    // kubectl's words when the server does not take apply patches (415).
    if (resp.code === 415 && resp.kind === "status")
      throw new CliError(
        `error: Server-side apply not available on the server: (${resp.body.message ?? ""})`,
      );
    // A field-manager conflict: kubectl wraps the server's message with its advice (apply.go).
    if (
      resp.code === 409 &&
      resp.kind === "status" &&
      /^Apply failed with/.test(resp.body.message ?? "")
    )
      throw new CliError(`error: ${resp.body.message ?? ""}\n${SSA_CONFLICT_ADVICE}`);
    if (resp.code >= 400) return { error: withSource(resp, "serverside-apply", m.source) };
    return {
      line: `${label} serverside-applied${dryRunSuffix(p)}`,
      obj: expectObject<KubeObject>(resp),
    };
  }
  const obj = withLastApplied(m.obj, ns);
  const current = await ctx.env.request({ method: "GET", path: objectPath(info, ns, name) });
  if (current.code === 404) {
    // A client dry run prints the object it would have sent.
    let created: KubeObject = obj;
    if (!dry.clientDryRun) {
      const resp = await ctx.env.request({
        method: "POST",
        path: collectionPath(info, ns),
        body: obj,
        ...(dry.dryRun ? { query: serverDry } : {}),
      });
      if (resp.code >= 400) return { error: withSource(resp, "creating", m.source) };
      created = expectObject<KubeObject>(resp);
    }
    return { line: `${label} created${dryRunSuffix(p)}`, obj: created };
  }
  if (current.kind !== "object" || current.code >= 400)
    return { error: serverError(current).stderr };
  const cur = current.body as KubeObject;
  const prevText = cur.metadata.annotations?.[LAST_APPLIED];
  let prev: unknown = {};
  try {
    prev = prevText ? JSON.parse(prevText) : {};
  } catch {
    prev = {};
  }
  // apply.go's warningNoLastAppliedConfigAnnotation, for objects made by create/run.
  const warning = prevText
    ? undefined
    : `Warning: resource ${info.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`;
  const patch = threeWayPatch(prev, obj, cur);
  if (Object.keys(patch).length === 0)
    return { line: `${label} unchanged${dryRunSuffix(p)}`, obj: cur };
  let patched: KubeObject = cur;
  if (!dry.clientDryRun) {
    // The simulator merges lists by field name; where that key is missing (e.g. a
    // Service's ports, keyed by port in Kubernetes) a merge patch is the faithful result.
    const strategic = strategicSafe(prev as never, obj as never, cur as never);
    const resp = await ctx.env.request({
      method: "PATCH",
      path: objectPath(info, ns, name),
      contentType: strategic
        ? "application/strategic-merge-patch+json"
        : "application/merge-patch+json",
      body: strategic ? patch : threeWayPatch(prev, obj, {}),
      ...(dry.dryRun ? { query: serverDry } : {}),
    });
    if (resp.code >= 400) {
      const e = serverError(resp).stderr.replace(
        /^(Error from server(?: \([^)]*\))?: )/,
        `$1error when applying patch:\n${compactSortedJson(patch)}\nto:\n${resourceLine(info, name, ns)}\nfor: "${m.source}": `,
      );
      return { error: e };
    }
    patched = expectObject<KubeObject>(resp);
  }
  return {
    line: `${label} configured${dryRunSuffix(p)}`,
    obj: patched,
    ...(warning ? { warning } : {}),
  };
}

/**
 * One object as the server returned it, or several in the typed metav1.List apply builds
 * (JSON in struct order: kind, apiVersion, an empty metadata, items; YAML sorts keys).
 */
function printApplied(all: KubeObject[], json: boolean): string {
  const items = all.map((o) => withTemplateTimestamps(withoutManagedFields(o)));
  if (items.length === 1) return json ? `${goJson(items[0])}\n` : toGoYaml(items[0]);
  if (!json) return toGoYaml({ apiVersion: "v1", items, kind: "List", metadata: {} });
  const list = {
    kind: "List",
    apiVersion: "v1",
    metadata: {},
    // goJson sorts each item's keys; parsing keeps that order for the outer stringify.
    items: items.map((o) => JSON.parse(goJson(o)) as unknown),
  };
  return `${goJsonEscapes(JSON.stringify(list, null, 4))}\n`;
}

export async function kubectlApply(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(args, [...WRITE_FLAGS, { name: "prune", type: "bool" }], "kubectl apply");
  if (flagBool(p, "prune"))
    throw new CliError("error: kubectl apply --prune 는 이 시뮬레이터에서 지원하지 않습니다");
  const output = flagString(p, "output");
  if (output && output !== "name" && output !== "yaml" && output !== "json")
    throw new CliError(
      `error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`,
    );
  const manifests = await readManifests(
    ctx,
    flagArray(p, "filename"),
    "apply",
    flagBool(p, "recursive"),
  );
  let stdout = "";
  let warnings = "";
  const errors: string[] = [];
  const applied: KubeObject[] = [];
  for (const m of manifests) {
    const r = await applyOne(ctx, p, m);
    if (r.warning) warnings += `${r.warning}\n`;
    if (r.error) errors.push(r.error);
    else if (output === "name") stdout += `${r.line!.split(" ")[0]}\n`;
    else if (output === "json" || output === "yaml") applied.push(r.obj!);
    else stdout += `${r.line}\n`;
  }
  // apply.go's printObjects: -o json|yaml prints the applied objects once at the end, one
  // object alone or several in a v1 List, instead of a line per object.
  if (applied.length) stdout += printApplied(applied, output === "json");
  return {
    stdout,
    stderr: warnings + errors.map((e) => `${e}\n`).join(""),
    exitCode: errors.length ? 1 : 0,
  };
}
