// What a workspace file may be called. Files live in one flat folder per lab (the
// terminal shows them as ./<name>), so names are simple: no folders, no hidden
// files, no shell-hostile characters — `kubectl apply -f <name>` must just work.

import { WorkspaceError } from "./workspace-error";
import { MAX_FILE_BYTES, MAX_PATH_LENGTH } from "./limits";

const NAME = /^[A-Za-z0-9가-힣_][A-Za-z0-9가-힣_.-]*$/;
const WORKSPACE = /^(sandbox|[a-z0-9][a-z0-9-]{0,62})$/;

/** The file name as stored: a leading "./" is accepted and dropped. */
export function normalizeWorkspacePath(raw: string): string {
  const name = raw.trim().replace(/^\.\//, "");
  if (!name) throw new WorkspaceError("badPath", "파일 이름을 입력하세요.");
  if (name.length > MAX_PATH_LENGTH) {
    throw new WorkspaceError("badPath", `파일 이름은 ${MAX_PATH_LENGTH}자 이하여야 합니다.`);
  }
  if (name.includes("/") || name.includes("\\")) {
    throw new WorkspaceError("badPath", "폴더는 만들 수 없습니다. 파일 이름만 입력하세요.");
  }
  if (name === "." || name === ".." || !NAME.test(name)) {
    throw new WorkspaceError(
      "badPath",
      `파일 이름 "${name}"은(는) 쓸 수 없습니다. 영문자, 숫자, 한글, '.', '-', '_'만 쓰고 '.'으로 시작하지 마세요.`,
    );
  }
  return name;
}

/** A lab id or "sandbox" (the free sandbox's files). */
export function assertWorkspaceId(workspace: string): string {
  if (!WORKSPACE.test(workspace)) {
    throw new WorkspaceError("badWorkspace", `알 수 없는 작업 공간입니다: ${workspace}`);
  }
  return workspace;
}

export function assertContentSize(content: string): void {
  const bytes = Buffer.byteLength(content, "utf8");
  if (bytes > MAX_FILE_BYTES) {
    throw new WorkspaceError(
      "fileTooLarge",
      `파일이 너무 큽니다: ${Math.ceil(bytes / 1024)} KiB (최대 ${MAX_FILE_BYTES / 1024} KiB).`,
    );
  }
}
