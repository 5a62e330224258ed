// Typed errors of the labs feature; routes map `code` to an HTTP status in one
// place (lib/labs/server/lab-route.ts). Messages are Korean: learners see them.

export type LabErrorCode = "unknown-lab" | "unknown-task" | "no-more-hints" | "unknown-target";

export const LAB_ERROR_STATUS: Record<LabErrorCode, number> = {
  "unknown-lab": 404,
  "unknown-task": 404,
  "no-more-hints": 409,
  "unknown-target": 404,
};

export class LabError extends Error {
  override readonly name = "LabError";

  constructor(
    readonly code: LabErrorCode,
    message: string,
  ) {
    super(message);
  }
}
