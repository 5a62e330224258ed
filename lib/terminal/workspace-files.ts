// The learner's workspace files as the terminal sees them: loaded once per
// command and only when a command reads files (cat, ls, kubectl -f, kubeadm
// --config), so ordinary commands cost no extra query.

import { listWorkspaceFiles } from "@/lib/workspace";
import type { SandboxOwner } from "./sandbox-access";

export function lazyWorkspaceFiles(
  owner: SandboxOwner | undefined,
): (() => Promise<Readonly<Record<string, string>>>) | undefined {
  if (!owner) return undefined;
  let loaded: Promise<Record<string, string>> | undefined;
  return () =>
    (loaded ??= listWorkspaceFiles(owner.ownerId, owner.workspace).then((files) =>
      Object.fromEntries(files.map((f) => [f.path, f.content])),
    ));
}
