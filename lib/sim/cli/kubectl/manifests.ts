// kubectl's -f sources (FilenameOptions + the resource builder's visitors): `-`
// is stdin, a file is read whatever its extension, a directory contributes its
// .json/.yaml/.yml files (its sub-directories too with -R). Each document keeps
// the source name kubectl quotes in errors ("STDIN", "web.yaml").

import { parseAllDocuments } from "yaml";
import type { KubeObject } from "../../apiserver/object";
import { builtinRegistry } from "../../apiserver/resources/registry";
import type { ResourceInfo } from "../../apiserver/resources/resource-info";
import { CliError } from "../errors";
import { HOME, lookup, resolvePath, workspaceView, fileView, type FileView } from "../files";
import type { CommandContext } from "../types";
import { discover } from "./api";

export interface Manifest {
  obj: KubeObject;
  /** "STDIN" or the path as the learner typed it (joined for directory members). */
  source: string;
}

const MANIFEST_EXT = /\.(json|ya?ml)$/;

/** Documents of one source; a List contributes its items. */
export function parseManifests(text: string, source: string): Manifest[] {
  const out: Manifest[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length)
      throw new CliError(
        `error: error parsing ${source}: error converting YAML to JSON: yaml: ${doc.errors[0]!.message.split("\n")[0]}`,
      );
    // Alias bombs stop at 100 expansions, as go-yaml limits them.
    const v = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (v === null || v === undefined) continue;
    if (typeof v !== "object" || Array.isArray(v))
      throw new CliError(
        `error: error parsing ${source}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? "array" : typeof v === "string" ? "string" : "number"} into Go value of type map[string]interface {}`,
      );
    const o = v as KubeObject & { items?: unknown };
    if (typeof o.kind === "string" && o.kind.endsWith("List") && Array.isArray(o.items))
      out.push(...(o.items as KubeObject[]).map((obj) => ({ obj, source })));
    else out.push({ obj: o, source });
  }
  return out;
}

/** Paths the -f arguments name, read from the learner's files (workspace, then host). */
async function readSources(
  ctx: CommandContext,
  paths: readonly string[],
  recursive: boolean,
): Promise<{ text: string; source: string }[]> {
  const out: { text: string; source: string }[] = [];
  let view: FileView | undefined;
  for (const f of paths) {
    if (f === "-") {
      out.push({ text: ctx.stdin, source: "STDIN" });
      continue;
    }
    if (/^https?:\/\//.test(f))
      throw new CliError(
        `error: unable to read URL "${f}": 이 실습 터미널은 인터넷에 연결되어 있지 않습니다`,
      );
    // Workspace files live under HOME; only paths outside it need the host's files.
    view ??= resolvePath(f).startsWith(`${HOME}/`) ? await workspaceView(ctx) : await fileView(ctx);
    const hit = lookup(view, f);
    if (hit.type === "missing") throw new CliError(`error: the path "${f}" does not exist`);
    if (hit.type === "file") {
      out.push({ text: hit.content, source: f });
      continue;
    }
    const base = resolvePath(f);
    for (const abs of hit.entries) {
      const rel = abs.slice(base.length + 1);
      if (!MANIFEST_EXT.test(rel) || (!recursive && rel.includes("/"))) continue;
      out.push({ text: view.files[abs]!, source: `${f.replace(/\/+$/, "")}/${rel}` });
    }
  }
  return out;
}

/** Every object the -f flags name, in order. `verb` words kubectl's "no objects passed to …". */
export async function readManifests(
  ctx: CommandContext,
  files: readonly string[],
  verb: string,
  recursive = false,
): Promise<Manifest[]> {
  if (files.length === 0) throw new CliError("error: must specify one of -f and -k");
  const out: Manifest[] = [];
  for (const s of await readSources(ctx, files, recursive))
    out.push(...parseManifests(s.text, s.source));
  if (out.length === 0) throw new CliError(`error: no objects passed to ${verb}`);
  return out;
}

/** The REST mapping of a manifest (built-ins, then CRDs), with kubectl's errors. */
export async function manifestInfo(ctx: CommandContext, m: Manifest): Promise<ResourceInfo> {
  const o = m.obj;
  if (!o.apiVersion || !o.kind) {
    const missing = [!o.apiVersion && "apiVersion not set", !o.kind && "kind not set"]
      .filter(Boolean)
      .join(", ");
    throw new CliError(
      `error: error validating "${m.source}": error validating data: [${missing}]; if you choose to ignore these errors, turn validation off with --validate=false`,
    );
  }
  const info =
    builtinRegistry.byApiVersionKind(o.apiVersion, o.kind) ??
    (await discover(ctx.env)).byApiVersionKind(o.apiVersion, o.kind);
  if (!info)
    throw new CliError(
      `error: resource mapping not found for name: "${o.metadata?.name ?? ""}" namespace: "${o.metadata?.namespace ?? ""}" from "${m.source}": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first`,
    );
  return info;
}

/** The namespace a manifest goes to: its own, else -n, else the session's. */
export function manifestNamespace(
  info: ResourceInfo,
  m: Manifest,
  flagNs: string | undefined,
  sessionNs: string,
): string | undefined {
  if (!info.namespaced) return undefined;
  const own = m.obj.metadata?.namespace;
  const ns = flagNs ?? sessionNs;
  if (own && flagNs && own !== flagNs)
    throw new CliError(
      `error: the namespace from the provided object "${own}" does not match the namespace "${flagNs}". You must pass '--namespace=${own}' to perform this operation.`,
    );
  return own ?? ns;
}
