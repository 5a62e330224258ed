// The row shape of the editor's one-statement routes (files-requester.ts, save-requester.ts):
// the session user's role, and one file's columns - NULLs when there is no file (a
// workspace without files, or an autosave that wrote nothing).

import type { Role } from "@/lib/auth/roles";
import type { WorkspaceFileData } from "./workspace-files";

export interface RequesterFileRow {
  role: Role;
  path: string | null;
  content: string | null;
  updatedAt: Date | null;
}

/** The row's file, or null when the row carries none. */
export function requesterFile(row: RequesterFileRow): WorkspaceFileData | null {
  return row.path === null
    ? null
    : { path: row.path, content: row.content!, updatedAt: row.updatedAt! };
}
