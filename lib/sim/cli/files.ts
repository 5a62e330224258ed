// The shell's file view: the learner's workspace files (the lab editor's drafts,
// loaded by the app before the command runs) at the home directory, over the
// control-plane host's read-only files (/etc/kubernetes/…). `cat`, `ls`,
// `kubectl … -f <file|dir>` and `kubeadm --config <file>` all read through here.

import { hostFiles } from "./shell/host";
import type { CommandContext } from "./types";

/** The terminal user's home: where workspace files appear (`ls` with no argument). */
export const HOME = "/root";

/** An absolute, normalized path: relative paths start at HOME, `.`/`..` resolved. */
export function resolvePath(path: string): string {
  const parts: string[] = [];
  const abs = path.startsWith("/") ? path : `${HOME}/${path}`;
  for (const p of abs.split("/")) {
    if (!p || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return `/${parts.join("/")}`;
}

/** Workspace file paths ("web.yaml", "k8s/db.yaml") as absolute paths under HOME. */
export function workspacePaths(files: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [p, content] of Object.entries(files)) out[resolvePath(p)] = content;
  return out;
}

export interface FileView {
  /** Every regular file, by absolute path. */
  files: Readonly<Record<string, string>>;
  /** Directories that exist even when empty. */
  dirs: readonly string[];
}

/** Host files plus workspace files (workspace wins: it is what the learner edited). */
export async function fileView(ctx: CommandContext): Promise<FileView> {
  const host = hostFiles(await ctx.env.state());
  const ws = ctx.env.files ? workspacePaths(await ctx.env.files()) : {};
  return { files: { ...host.files, ...ws }, dirs: [...host.dirs, HOME] };
}

/** The workspace files alone (no sandbox read): what `-f` needs for relative paths. */
export async function workspaceView(ctx: CommandContext): Promise<FileView> {
  const ws = ctx.env.files ? workspacePaths(await ctx.env.files()) : {};
  return { files: ws, dirs: [HOME] };
}

export type Lookup =
  { type: "file"; content: string } | { type: "dir"; entries: string[] } | { type: "missing" };

/** What a path names in a view: a file, a directory (with its direct file children) or nothing. */
export function lookup(view: FileView, path: string): Lookup {
  const abs = resolvePath(path);
  const content = view.files[abs];
  if (content !== undefined) return { type: "file", content };
  const prefix = abs === "/" ? "/" : `${abs}/`;
  const entries = Object.keys(view.files).filter((f) => f.startsWith(prefix));
  if (entries.length || view.dirs.includes(abs)) return { type: "dir", entries: entries.sort() };
  return { type: "missing" };
}

/**
 * Reads one file for a command (kubeadm --config, kubectl -f): workspace first,
 * then the host. Undefined when it does not exist or is a directory.
 */
export async function readFile(ctx: CommandContext, path: string): Promise<string | undefined> {
  const abs = resolvePath(path);
  if (ctx.env.files) {
    const ws = workspacePaths(await ctx.env.files());
    if (ws[abs] !== undefined) return ws[abs];
  }
  return hostFiles(await ctx.env.state()).files[abs];
}
