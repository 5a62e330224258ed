// Server functions of the labs feature (Postgres): for route handlers and Server Components.
export { findLabSandbox, labSandbox, labSandboxId, resetLabSandbox } from "./lab-sandbox";
export { answerFromOwner, bufferRequestBody } from "@/lib/terminal/sandbox-owner-worker";
export { checkLab, taskPasses, type AttemptOutcome } from "./attempts";
export { revealNextHint, revealedHints } from "./hints";
export {
  publicLabView,
  learnerNames,
  listLabs,
  type PublicLabView,
  type PublicLabTask,
  type LabSummary,
} from "./public-view";
export { labErrorResponse, withLabErrors } from "./lab-route";
export { controlLabSandbox } from "./lab-control";
export { labControlSchema, type LabControl } from "../control/lab-control";
