// A learner's workspace files (the lab editor's drafts), per user and workspace.
// The terminal reads them too (`cat`, `ls`, `kubectl apply -f <file>`), which is
// why names are validated here and not only in the editor.

import type { PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { assertContentSize, assertWorkspaceId, normalizeWorkspacePath } from "./file-path";
import { MAX_FILES_PER_WORKSPACE } from "./limits";
import { WorkspaceError } from "./workspace-error";

export interface WorkspaceFileData {
  path: string;
  content: string;
  updatedAt: Date;
}

const select = { path: true, content: true, updatedAt: true } as const;

/** All files of a workspace, sorted by name (as `ls` prints them). */
export async function listWorkspaceFiles(
  userId: string,
  workspace: string,
  prisma: PrismaClient = db(),
): Promise<WorkspaceFileData[]> {
  assertWorkspaceId(workspace);
  const rows = await prisma.workspaceFile.findMany({
    where: { userId, workspace },
    select,
  });
  // JS order, not the database collation's: `ls` sorts bytewise.
  return rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** One file, or null when it does not exist. */
export async function readWorkspaceFile(
  userId: string,
  workspace: string,
  path: string,
  prisma: PrismaClient = db(),
): Promise<WorkspaceFileData | null> {
  assertWorkspaceId(workspace);
  const name = normalizeWorkspacePath(path);
  return prisma.workspaceFile.findUnique({
    where: { userId_workspace_path: { userId, workspace, path: name } },
    select,
  });
}

/**
 * Creates or overwrites a file. The count limit is checked under a per-workspace
 * advisory lock so two tabs creating files at once cannot both pass it (a
 * serializable transaction would instead fail one of two harmless autosaves).
 */
export async function saveWorkspaceFile(
  userId: string,
  workspace: string,
  path: string,
  content: string,
  prisma: PrismaClient = db(),
): Promise<WorkspaceFileData> {
  assertWorkspaceId(workspace);
  const name = normalizeWorkspacePath(path);
  assertContentSize(content);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`workspace:${userId}:${workspace}`}))`;
    const key = { userId_workspace_path: { userId, workspace, path: name } };
    const existing = await tx.workspaceFile.findUnique({ where: key, select: { path: true } });
    if (!existing) {
      const count = await tx.workspaceFile.count({ where: { userId, workspace } });
      if (count >= MAX_FILES_PER_WORKSPACE) {
        throw new WorkspaceError(
          "tooManyFiles",
          `파일은 작업 공간마다 최대 ${MAX_FILES_PER_WORKSPACE}개까지 만들 수 있습니다. 쓰지 않는 파일을 지우세요.`,
        );
      }
    }
    return tx.workspaceFile.upsert({
      where: key,
      create: { userId, workspace, path: name, content },
      update: { content },
      select,
    });
  });
}

/** Removes a file; WorkspaceError notFound when there was none. */
export async function deleteWorkspaceFile(
  userId: string,
  workspace: string,
  path: string,
  prisma: PrismaClient = db(),
): Promise<void> {
  assertWorkspaceId(workspace);
  const name = normalizeWorkspacePath(path);
  const { count } = await prisma.workspaceFile.deleteMany({
    where: { userId, workspace, path: name },
  });
  if (count === 0) throw new WorkspaceError("notFound", `파일 "${name}"이(가) 없습니다.`);
}
