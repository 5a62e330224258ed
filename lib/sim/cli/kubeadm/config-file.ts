// `--config <file>`: kubeadm reads the file from the machine it runs on. Here that is the
// learner's workspace (the lab editor's files, at /root) over the host's own files.

import { readFile } from "../files";
import type { CommandContext } from "../types";

export type ConfigRead = { ok: true; text: string } | { ok: false; error: string };

/** os.ReadFile's error text as Go prints it. */
const notFound = (path: string) => `open ${path}: no such file or directory`;

export async function readConfigFile(ctx: CommandContext, path: string): Promise<ConfigRead> {
  const text = await readFile(ctx, path);
  return text === undefined ? { ok: false, error: notFound(path) } : { ok: true, text };
}
