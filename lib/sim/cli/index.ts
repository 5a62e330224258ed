// The lab terminal's command-line tools (kubectl, etcdctl, kubeadm and a small
// shell), pure over a CliEnv: the app wires the env to a persisted sandbox.
export { runCommandLine, COMMANDS, MAX_LINE } from "./shell/run";
export { completions } from "./completion";
export { memoryEnv } from "./memory-env";
export { CliError } from "./errors";
export {
  DEFAULT_SESSION,
  type CliEnv,
  type CliApiRequest,
  type CommandResult,
  type Session,
  type EtcdStepResult,
  type EditSession,
  type EditTarget,
  type EditObject,
} from "./types";
export { HOME, readFile, resolvePath, fileView, lookup } from "./files";
