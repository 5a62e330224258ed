// Expected failures of the classes feature, each with its HTTP status and Korean
// message. Route handlers in app/api/classes use withClassErrors, which answers
// these in the same body shape as lib/http's errorResponse and passes anything
// else on to it.

import { errorResponse } from "@/lib/http/error-response";
import { domainErrorResponse, withErrors } from "@/lib/http/route-handler";

export const CLASS_ERRORS = {
  classNotFound: { status: 404, message: "수업을 찾을 수 없습니다." },
  learnerNotFound: { status: 404, message: "이 수업의 학습자를 찾을 수 없습니다." },
  joinCodeInvalid: { status: 404, message: "참여 코드가 올바르지 않습니다. 강사에게 확인하세요." },
  notAnInstructor: {
    status: 400,
    message: "강사 또는 관리자 역할의 사용자만 공동 강사로 지정할 수 있습니다.",
  },
  lastInstructor: { status: 409, message: "수업에는 강사가 최소 한 명은 있어야 합니다." },
  instructorCannotJoin: {
    status: 409,
    message: "이 수업의 강사는 학습자로 참여할 수 없습니다.",
  },
  labNotFound: { status: 404, message: "알 수 없는 실습입니다." },
  noSandbox: { status: 404, message: "이 학습자는 아직 샌드박스를 만들지 않았습니다." },
  courseNotFound: { status: 400, message: "알 수 없는 과정입니다." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ClassErrorCode = keyof typeof CLASS_ERRORS;

export class ClassError extends Error {
  override readonly name = "ClassError";
  readonly status: number;

  constructor(readonly code: ClassErrorCode) {
    super(CLASS_ERRORS[code].message);
    this.status = CLASS_ERRORS[code].status;
  }
}

function classError(error: unknown): Response | undefined {
  return error instanceof ClassError
    ? domainErrorResponse(error.status, error.code, error.message)
    : undefined;
}

export function classErrorResponse(error: unknown): Response {
  return classError(error) ?? errorResponse(error);
}

/** Like lib/http's withErrors, with ClassError mapped too. */
export function withClassErrors<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Promise<Response>,
): (request: Request, ...args: Args) => Promise<Response> {
  return withErrors(handler, classError);
}
