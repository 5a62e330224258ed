// The quiz's typed error: a code the UI and tests switch on, the HTTP status the
// routes answer with, and the Korean message learners read.

export type QuizErrorCode =
  | "quizNotFound"
  | "attemptNotFound"
  | "attemptLimitReached"
  | "timeLimitPassed"
  | "attemptClosed"
  | "unknownQuestion"
  | "invalidAnswer"
  | "attemptBusy";

const STATUS: Record<QuizErrorCode, number> = {
  quizNotFound: 404,
  attemptNotFound: 404,
  attemptLimitReached: 409,
  timeLimitPassed: 409,
  attemptClosed: 409,
  unknownQuestion: 400,
  invalidAnswer: 400,
  attemptBusy: 503,
};

const MESSAGES: Record<QuizErrorCode, string> = {
  quizNotFound: "이 세션에는 퀴즈가 없습니다.",
  attemptNotFound: "응시 기록을 찾을 수 없습니다.",
  attemptLimitReached: "응시 가능 횟수({limit}회)를 모두 사용했습니다.",
  timeLimitPassed:
    "제한 시간({minutes}분)이 지나 제출할 수 없습니다. 제한 시간 안에 저장된 답안으로 채점했습니다.",
  attemptClosed: "이미 제출한 응시입니다. 답안을 바꿀 수 없습니다.",
  unknownQuestion: "이 퀴즈에 없는 문항입니다.",
  invalidAnswer: "답안 형식이 문항과 맞지 않습니다.",
  attemptBusy: "답안 저장이 이어지는 중이라 채점하지 못했습니다. 잠시 후 다시 시도해 주세요.",
};

export class QuizError extends Error {
  override readonly name = "QuizError";
  readonly status: number;

  constructor(
    readonly code: QuizErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(
      MESSAGES[code].replace(/\{(\w+)\}/g, (whole, key: string) =>
        key in params ? String(params[key]) : whole,
      ),
    );
    this.status = STATUS[code];
  }
}
