export {
  advanceSandboxTime,
  configureSandboxEngine,
  createSandboxRecord,
  deleteSandboxRecord,
  readAuditLog,
  readTraceLog,
  sandboxRequest,
  sandboxStorageBytes,
  type CreateSandboxInput,
  type SandboxHandle,
  type SandboxResponse,
} from "./sandbox-service";
export { SandboxNotFoundError } from "./transaction";
