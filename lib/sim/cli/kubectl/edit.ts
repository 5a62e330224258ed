// kubectl edit, split in two because the editor is the browser's: opening fetches
// the objects and hands kubectl's temp file to the terminal (`edit` in the
// result); saving (the edit route) does what kubectl does when the editor exits:
// strip comments, cancel when nothing changed, patch each object with the
// two-way strategic merge patch against what was opened, and on errors reopen
// the file with them in its header.

import { parse as parseYaml } from "yaml";
import type { KubeObject } from "../../apiserver/object";
import { withTemplateTimestamps } from "../../apiserver/template-timestamps";
import { toGoYaml } from "../../topology/go-yaml";
import { CliError } from "../errors";
import type {
  CliEnv,
  CommandContext,
  CommandResult,
  EditObject,
  EditSession,
  EditTarget,
} from "../types";
import { expectObject, kindName, objectPath } from "./api";
import { flagString, parseFlags } from "./flags";
import { resourceRequests } from "./get";
import { goJson, withoutManagedFields } from "./output";
import { strategicSafe, threeWayPatch } from "./three-way-patch";

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

interface Reason {
  head: string;
  other: string[];
}

function header(reasons: readonly Reason[]): string {
  let h = HEADER;
  for (const r of reasons) h += `# ${r.head}:\n${r.other.map((o) => `# * ${o}\n`).join("")}#\n`;
  return h;
}

function render(target: EditTarget, objects: readonly unknown[]): string {
  const doc = target.list
    ? { apiVersion: "v1", items: objects, kind: "List", metadata: { resourceVersion: "" } }
    : objects[0];
  return target.format === "json" ? `${goJson(doc)}\n` : toGoYaml(doc);
}

function tempPath(env: CliEnv, format: string): string {
  return `/tmp/kubectl-edit-${String(env.now() % 1_000_000_000).padStart(9, "0")}.${format}`;
}

export async function kubectlEdit(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "output", short: "o", type: "string" },
      { name: "filename", short: "f", type: "array" },
      { name: "save-config", type: "bool" },
      { name: "validate", type: "string" },
      { name: "windows-line-endings", type: "bool" },
      { name: "field-manager", type: "string" },
      { name: "subresource", type: "string" },
      { name: "show-managed-fields", type: "bool" },
    ],
    "kubectl edit",
  );
  const format = flagString(p, "output") ?? "yaml";
  if (format !== "yaml" && format !== "json")
    throw new CliError(`error: the edit mode must be one of: yaml, json`);
  if (p.positional.length === 0)
    throw new CliError(
      `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
    );
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  const objects: EditObject[] = [];
  for (const r of await resourceRequests(ctx, p.positional)) {
    if (r.names.length === 0)
      throw new CliError("error: resource(s) were provided, but no name was specified");
    for (const name of r.names) {
      const path = objectPath(r.info, ns, name);
      const obj = expectObject<KubeObject>(await ctx.env.request({ method: "GET", path }));
      objects.push({
        path,
        label: `${kindName(r.info)}/${name}`,
        qualified: `${r.info.resource}${r.info.group ? `.${r.info.group}` : ""} "${name}"`,
        original: withTemplateTimestamps(withoutManagedFields(obj)) as unknown as Record<
          string,
          unknown
        >,
      });
    }
  }
  const target: EditTarget = { format, list: objects.length > 1, objects };
  const edit: EditSession = {
    path: tempPath(ctx.env, format),
    content:
      header([]) +
      render(
        target,
        objects.map((o) => o.original),
      ),
    target,
  };
  return { stdout: "", stderr: "", exitCode: 0, edit };
}

/** kubectl's manualStrip: drop the comment lines before comparing and parsing. */
function stripComments(text: string): string {
  return text
    .split("\n")
    .filter((l) => !l.startsWith("#"))
    .join("\n");
}

function identity(o: Record<string, unknown>) {
  const meta = (o.metadata ?? {}) as { name?: string };
  return `${String(o.apiVersion)}|${String(o.kind)}|${meta.name ?? ""}`;
}

/** What kubectl does when the editor closes on `content`. */
export async function saveEdit(
  env: CliEnv,
  target: EditTarget,
  content: string,
  path: string,
): Promise<CommandResult> {
  const cancelled: CommandResult = {
    stdout: "",
    stderr: "Edit cancelled, no changes made.\n",
    exitCode: 0,
  };
  const edited = stripComments(content);
  const original = stripComments(
    render(
      target,
      target.objects.map((o) => o.original),
    ),
  );
  if (edited.trim() === "" || edited === original) return cancelled;
  const reopen = (reasons: Reason[], objects: unknown[], t: EditTarget, stderr: string) => ({
    stdout: "",
    stderr,
    exitCode: 1,
    edit: { path, content: header(reasons) + render(t, objects), target: t },
  });
  let doc: unknown;
  try {
    doc = target.format === "json" ? JSON.parse(edited) : parseYaml(edited, { maxAliasCount: 100 });
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).split("\n")[0];
    return {
      stdout: "",
      stderr: `error: The edited file had a syntax error: error converting YAML to JSON: yaml: ${msg}\n`,
      exitCode: 1,
      edit: {
        path,
        content: `${header([{ head: `The edited file had a syntax error: error converting YAML to JSON: yaml: ${msg}`, other: [] }])}${edited}`,
        target,
      },
    };
  }
  const items: Record<string, unknown>[] = target.list
    ? (((doc as { items?: unknown[] } | null)?.items ?? []) as Record<string, unknown>[])
    : doc && typeof doc === "object"
      ? [doc as Record<string, unknown>]
      : [];
  let stdout = "";
  let stderr = "";
  const reasons: Reason[] = [];
  const failed: { obj: EditObject; edited: Record<string, unknown> }[] = [];
  for (const obj of target.objects) {
    const mine = items.find((i) => identity(i) === identity(obj.original));
    if (!mine) {
      reasons.push({ head: `${obj.qualified} was not valid`, other: [] });
      stderr += `error: At least one of apiVersion, kind and name was changed\n`;
      continue;
    }
    const patch = threeWayPatch(obj.original, mine, obj.original);
    if (Object.keys(patch).length === 0) {
      stdout += `${obj.label} skipped\n`;
      continue;
    }
    // kubectl sends a precondition-free strategic merge patch for built-in kinds.
    const strategic = strategicSafe(obj.original as never, mine as never);
    const resp = await env.request({
      method: "PATCH",
      path: obj.path,
      contentType: strategic
        ? "application/strategic-merge-patch+json"
        : "application/merge-patch+json",
      body: patch,
    });
    if (resp.code < 400) {
      stdout += `${obj.label} edited\n`;
      continue;
    }
    const status = resp.kind === "status" ? resp.body : undefined;
    if (resp.code === 422) {
      reasons.push({
        head: `${obj.qualified} was not valid`,
        other: (status?.details?.causes ?? []).map((c) => `${c.field ?? ""}: ${c.message ?? ""}`),
      });
      failed.push({ obj, edited: mine });
      stderr += `error: ${obj.qualified} is invalid\n`;
    } else if (resp.code === 404) {
      stderr += `error: ${obj.qualified} could not be found on the server\n`;
    } else {
      failed.push({ obj, edited: mine });
      stderr += `error: ${obj.qualified} could not be patched: ${status?.message ?? ""}\n`;
    }
  }
  if (stdout === "" && stderr === "") return cancelled;
  if (failed.length) {
    const t: EditTarget = {
      format: target.format,
      list: failed.length > 1,
      objects: failed.map((f) => f.obj),
    };
    const r = reopen(
      reasons,
      failed.map((f) => f.edited),
      t,
      stderr,
    );
    return { ...r, stdout };
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}
