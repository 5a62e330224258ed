// Instructors read their learners' sandboxes through these same routes: the
// classes feature registers that check when loaded, so load it with the terminal.
import "@/lib/classes/sandbox-read-check";

export {
  authorizeSandbox,
  setInstructorReadCheck,
  type AccessMode,
  type InstructorReadCheck,
  type SandboxGrant,
} from "./sandbox-access";
export { userSandbox, createUserSandbox, resetUserSandbox } from "./user-sandbox";
export { readHistory, appendHistory } from "./history";
export { runTerminalCommand, completeTerminalLine, type TerminalSession } from "./run-command";
export { sandboxEnv } from "./db-env";
export { streamCommand } from "./stream";
export { snapshotForm } from "./streaming-form";
export { execSchema, completeSchema, editSchema, shellSchema, MAX_STDIN_BYTES } from "./schemas";
export {
  openContainerShell,
  runShellLine,
  type ShellHandle,
  type ShellLineResult,
  type ShellOpenResult,
} from "./container-shell";
export { saveTerminalEdit } from "./save-edit";
export type { SandboxOwner } from "./sandbox-access";
