"use client";

import { Send } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { AttemptView, QuizOverview } from "@/lib/quiz/attempts/attempt-view";
import type { ClientResponse } from "@/lib/quiz/responses";
import { createSaveQueue, type SaveQueue } from "@/lib/quiz/save-queue";
import { QuestionField } from "./question-field";
import { formatClock } from "./quiz-format";
import { QuizResults } from "./quiz-results";
import {
  loadOverview,
  saveAnswers,
  startAttempt,
  submitAttempt,
  type AnswerInput,
} from "./quiz-client-api";

const TEXT_SAVE_DELAY_MS = 700;

/**
 * The interactive part of the quiz page: start, answer (saved as you go), submit,
 * see the result. It only ever holds what the server sent (no answers before
 * submission); grading happens on the server.
 */
export function QuizRunner({ initial, lessonHref }: { initial: QuizOverview; lessonHref: string }) {
  const [overview, setOverview] = useState(initial);
  const view = overview.current;
  const inProgress = view?.status === "IN_PROGRESS" ? view : null;
  const [answers, setAnswers] = useState<Record<string, ClientResponse>>(view?.answers ?? {});
  const [error, setError] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<"idle" | "saving" | "saved">("idle");
  const [busy, setBusy] = useState(false);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const adopt = useCallback((next: QuizOverview) => {
    setOverview(next);
    setAnswers(next.current?.answers ?? {});
    setSaveState("idle");
  }, []);

  const persist = useCallback(async (attempt: AttemptView, inputs: AnswerInput[]) => {
    setSaveState("saving");
    const r = await saveAnswers(attempt.id, inputs);
    if (r.ok) {
      setSaveState("saved");
      return;
    }
    setSaveState("idle");
    setError(r.message);
  }, []);

  // One save per question in flight, the latest change after it (lib/quiz/save-queue.ts):
  // saves on parallel connections could otherwise store an older answer last.
  const queue = useRef<{ attemptId: string; q: SaveQueue<ClientResponse> } | null>(null);
  function saveQueue(attempt: AttemptView): SaveQueue<ClientResponse> {
    if (queue.current?.attemptId !== attempt.id) {
      queue.current = {
        attemptId: attempt.id,
        q: createSaveQueue((key, response: ClientResponse) =>
          persist(attempt, [{ questionKey: key, response }]),
        ),
      };
    }
    return queue.current.q;
  }

  function change(key: string, response: ClientResponse, immediate: boolean) {
    if (!inProgress) return;
    setAnswers((a) => ({ ...a, [key]: response }));
    const pending = timers.current.get(key);
    if (pending) clearTimeout(pending);
    const run = () => {
      timers.current.delete(key);
      saveQueue(inProgress).save(key, response);
    };
    if (immediate) run();
    else timers.current.set(key, setTimeout(run, TEXT_SAVE_DELAY_MS));
  }

  const submit = useCallback(async () => {
    if (!inProgress || busy) return;
    setBusy(true);
    setError(null);
    for (const t of timers.current.values()) clearTimeout(t);
    timers.current.clear();
    // What is on screen is what is submitted, including an untouched ordering.
    const all: AnswerInput[] = inProgress.questions.flatMap((q) => {
      const r =
        answers[q.key] ??
        (q.type === "ordering" ? { order: (q.options ?? []).map((o) => o.key) } : undefined);
      return r ? [{ questionKey: q.key, response: r }] : [];
    });
    const r = await submitAttempt(inProgress.id, all);
    setBusy(false);
    if (r.ok) {
      adopt(r.data);
      window.scrollTo({ top: 0 });
      document.getElementById("quiz-top")?.focus();
    } else {
      // A late submission closed the attempt on the server: show its state with the message.
      const fresh =
        r.status === 409 ? await loadOverview(overview.courseId, overview.sessionId) : null;
      if (fresh) adopt(fresh);
      setError(r.message);
    }
  }, [answers, busy, inProgress, adopt, overview.courseId, overview.sessionId]);

  async function start() {
    setBusy(true);
    setError(null);
    const r = await startAttempt(overview.courseId, overview.sessionId);
    setBusy(false);
    if (r.ok) {
      adopt(r.data);
      requestAnimationFrame(() => document.getElementById("quiz-questions")?.focus());
    } else setError(r.message);
  }

  // The countdown uses the server's clock (serverNow) to correct for a skewed
  // client clock; at zero the attempt is submitted automatically.
  const [left, setLeft] = useState<number | null>(null);
  const submitRef = useRef(submit);
  useEffect(() => {
    submitRef.current = submit;
  }, [submit]);
  useEffect(() => {
    if (!inProgress?.deadlineAt) return;
    const skew = Date.parse(inProgress.serverNow) - Date.now();
    const deadline = Date.parse(inProgress.deadlineAt);
    let fired = false;
    const tick = () => {
      const ms = deadline - (Date.now() + skew);
      setLeft(ms);
      if (ms <= 0 && !fired) {
        fired = true;
        void submitRef.current();
      }
    };
    const first = setTimeout(tick, 0);
    const id = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [inProgress?.deadlineAt, inProgress?.serverNow]);

  const canStart = overview.attemptsLeft === null || overview.attemptsLeft > 0;
  return (
    <div className="grid gap-6">
      {error && <Alert variant="destructive">{error}</Alert>}
      {view && view.status !== "IN_PROGRESS" && <QuizResults view={view} lessonHref={lessonHref} />}
      {!inProgress && (
        <div className="flex flex-wrap items-center gap-3">
          {canStart ? (
            <Button onClick={start} disabled={busy} data-testid="quiz-start">
              {view ? "다시 풀기" : "퀴즈 시작"}
            </Button>
          ) : (
            <p className="text-sm text-muted-foreground">응시 가능 횟수를 모두 사용했습니다.</p>
          )}
          {overview.attemptsLeft !== null && canStart && (
            <span className="text-sm text-muted-foreground">
              남은 응시 횟수 {overview.attemptsLeft}회
            </span>
          )}
        </div>
      )}
      {inProgress && (
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div
            className="sticky top-0 z-10 flex flex-wrap items-center justify-between gap-2 rounded-md border bg-background/95 px-3 py-2 text-sm"
            role="status"
            aria-live="off"
          >
            <span>{inProgress.number}회차 응시 중</span>
            <span data-testid="quiz-save-state">
              {saveState === "saving" ? "저장 중…" : saveState === "saved" ? "자동 저장됨" : ""}
            </span>
            {left !== null && (
              <span className="font-medium tabular-nums" aria-label="남은 시간">
                남은 시간 {formatClock(left)}
              </span>
            )}
          </div>
          <div id="quiz-questions" tabIndex={-1} className="grid gap-4 outline-none">
            {inProgress.questions.map((q) => (
              <QuestionField
                key={q.key}
                question={q}
                value={answers[q.key]}
                disabled={busy}
                onChange={(r, immediate) => change(q.key, r, immediate)}
              />
            ))}
          </div>
          <div>
            <Button type="submit" disabled={busy} data-testid="quiz-submit">
              <Send aria-hidden />
              {busy ? "제출 중…" : "제출하기"}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
