// Typed errors of the labs feature; routes map `code` to an HTTP status in one place.

export type LabErrorCode = "unknown-lab" | "unknown-task" | "no-more-hints";

export class LabError extends Error {
  override readonly name = "LabError";

  constructor(
    readonly code: LabErrorCode,
    message: string,
  ) {
    super(message);
  }
}
