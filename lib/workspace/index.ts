export {
  deleteWorkspaceFile,
  listWorkspaceFiles,
  readWorkspaceFile,
  saveWorkspaceFile,
  type WorkspaceFileData,
} from "./workspace-files";
export { assertWorkspaceId, normalizeWorkspacePath } from "./file-path";
export { MAX_FILE_BYTES, MAX_FILES_PER_WORKSPACE, MAX_PATH_LENGTH } from "./limits";
export { WorkspaceError, type WorkspaceErrorCode } from "./workspace-error";
