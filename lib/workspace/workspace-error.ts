// Why a workspace file operation was refused. Routes map `status` to HTTP and
// show `message` (Korean) to the learner.

export type WorkspaceErrorCode =
  "badWorkspace" | "badPath" | "fileTooLarge" | "tooManyFiles" | "notFound";

const STATUS: Record<WorkspaceErrorCode, number> = {
  badWorkspace: 400,
  badPath: 400,
  fileTooLarge: 413,
  tooManyFiles: 409,
  notFound: 404,
};

export class WorkspaceError extends Error {
  override readonly name = "WorkspaceError";
  readonly status: number;

  constructor(
    readonly code: WorkspaceErrorCode,
    message: string,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}
