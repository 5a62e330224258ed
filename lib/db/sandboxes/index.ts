export {
  advanceSandboxTime,
  configureSandboxEngine,
  createSandboxRecord,
  deleteSandboxRecord,
  readAuditLog,
  readTraceLog,
  requestStep,
  sandboxRequest,
  sandboxStorageBytes,
  type CreateSandboxInput,
  type SandboxHandle,
  type SandboxResponse,
} from "./sandbox-service";
export {
  SandboxBusyError,
  SandboxNotFoundError,
  // Any other engine step (etcd member actions, etcdctl writes, snapshot restore):
  inSandboxTransaction as runSandboxStep,
  type StepInput,
  type StepOutput,
} from "./transaction";
export {
  runSandboxCommand,
  SandboxCommandUnit,
  type CommandOptions,
  type CommandOutcome,
} from "./command-unit";
export { readLogAfter, readLogNewest, logEnd, type LogQuery } from "./log-read";
export type { LogKind, LogRecord } from "./log-pack";
