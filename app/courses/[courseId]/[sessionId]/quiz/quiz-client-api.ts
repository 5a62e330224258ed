// Browser-side calls of the quiz routes; errors come back as the server's Korean message.
import type { QuizOverview } from "@/lib/quiz/attempts/attempt-view";
import type { ClientResponse } from "@/lib/quiz/responses";

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

const NETWORK = "서버에 연결할 수 없습니다. 네트워크를 확인한 뒤 다시 시도하세요.";

async function call<T>(url: string, method: "POST" | "PUT", body: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, message: NETWORK };
  }
  const data = (await res.json().catch(() => null)) as
    (T & { error?: undefined }) | { error?: { message?: string } } | null;
  if (!res.ok) {
    return { ok: false, status: res.status, message: data?.error?.message ?? NETWORK };
  }
  return { ok: true, data: data as T };
}

export interface AnswerInput {
  questionKey: string;
  response: ClientResponse;
}

/** The learner's current overview (after the server closed an attempt, e.g. at the time limit). */
export async function loadOverview(
  courseId: string,
  sessionId: string,
): Promise<QuizOverview | null> {
  const q = new URLSearchParams({ courseId, sessionId });
  try {
    const res = await fetch(`/api/quiz/attempts?${q}`, { credentials: "same-origin" });
    return res.ok ? ((await res.json()) as QuizOverview) : null;
  } catch {
    return null;
  }
}

export const startAttempt = (courseId: string, sessionId: string) =>
  call<QuizOverview>("/api/quiz/attempts", "POST", { courseId, sessionId });

export const saveAnswers = (attemptId: string, answers: AnswerInput[]) =>
  call<{ saved: number }>(`/api/quiz/attempts/${encodeURIComponent(attemptId)}/answers`, "PUT", {
    answers,
  });

export const submitAttempt = (attemptId: string, answers: AnswerInput[]) =>
  call<QuizOverview>(`/api/quiz/attempts/${encodeURIComponent(attemptId)}/submit`, "POST", {
    answers,
  });
