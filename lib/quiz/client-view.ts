// What the browser receives about a quiz attempt. Before submission: prompts,
// option texts and opaque per-attempt keys only — no correct flags, accepted
// answers, explanations, or authored ids (which could hint at the answer). After
// submission: per-question results, and answers/explanations when the quiz's
// reveal policy allows.

import type { GradedAnswer } from "./grading/grade-question";
import { QuizError } from "./quiz-error";
import type { ClientResponse, StoredResponse } from "./responses";
import type { Question, QuestionType, Quiz } from "./schema/quiz-schema";
import { opaqueKey, scrambled, shuffled } from "./shuffle";

export interface PresentedOption {
  key: string;
  text: string;
}

export interface PresentedQuestion {
  key: string;
  number: number;
  type: QuestionType;
  prompt: string;
  points: number;
  /** single/multiple: the options; ordering: the items in their starting order. */
  options?: PresentedOption[];
  placeholder?: string;
  unit?: string;
  /** Cluster questions: a command that shows the answer in the sandbox. */
  hint?: string;
}

export interface Presented {
  question: Question;
  view: PresentedQuestion;
}

function optionsOf(q: Question): { id: string; text: string }[] {
  if (q.type === "single" || q.type === "multiple") return q.options;
  if (q.type === "ordering") return q.items;
  return [];
}

/** The attempt's questions in their (deterministically shuffled) order. */
export function presentQuiz(quiz: Quiz, seed: string): Presented[] {
  const { shuffleQuestions, shuffleOptions } = quiz.settings;
  const questions = shuffleQuestions
    ? shuffled(quiz.questions, (q) => q.id, seed, "questions")
    : quiz.questions;
  return questions.map((q, i) => {
    const opts = optionsOf(q);
    const ordered =
      q.type === "ordering"
        ? scrambled(opts, (o) => o.id, seed, q.id)
        : shuffleOptions
          ? shuffled(opts, (o) => o.id, seed, q.id)
          : opts;
    const view: PresentedQuestion = {
      key: opaqueKey(seed, "question", q.id),
      number: i + 1,
      type: q.type,
      prompt: q.prompt,
      points: q.points,
    };
    if (ordered.length > 0) {
      view.options = ordered.map((o) => ({ key: opaqueKey(seed, q.id, o.id), text: o.text }));
    }
    if ((q.type === "short" || q.type === "cluster") && q.placeholder)
      view.placeholder = q.placeholder;
    if (q.type === "numeric" && q.unit) view.unit = q.unit;
    if (q.type === "cluster" && q.hint) view.hint = q.hint;
    return { question: q, view };
  });
}

export function findByKey(presented: readonly Presented[], key: string): Presented {
  const found = presented.find((p) => p.view.key === key);
  if (!found) throw new QuizError("unknownQuestion");
  return found;
}

/** A browser answer (keys) → the stored answer (authored ids). Wrong shapes are refused. */
export function decodeResponse(q: Question, seed: string, r: ClientResponse): StoredResponse {
  const byKey = new Map(optionsOf(q).map((o) => [opaqueKey(seed, q.id, o.id), o.id]));
  const id = (key: string) => {
    const found = byKey.get(key);
    if (!found) throw new QuizError("invalidAnswer");
    return found;
  };
  switch (q.type) {
    case "single":
      if ("choice" in r) return { choice: id(r.choice) };
      break;
    case "multiple":
      if ("choices" in r) return { choices: [...new Set(r.choices.map(id))] };
      break;
    case "ordering":
      if ("order" in r) {
        const order = r.order.map(id);
        if (order.length !== byKey.size || new Set(order).size !== byKey.size) {
          throw new QuizError("invalidAnswer");
        }
        return { order };
      }
      break;
    case "short":
    case "numeric":
    case "cluster":
      if ("text" in r) return { text: r.text.trim() };
      break;
  }
  throw new QuizError("invalidAnswer");
}

/** A stored answer back in the browser's keys (resuming an attempt). */
export function encodeResponse(q: Question, seed: string, r: StoredResponse): ClientResponse {
  const key = (id: string) => opaqueKey(seed, q.id, id);
  if ("choice" in r) return { choice: key(r.choice) };
  if ("choices" in r) return { choices: r.choices.map(key) };
  if ("order" in r) return { order: r.order.map(key) };
  return { text: r.text };
}

export interface RevealedAnswer {
  /** The right answer in words (option texts, the order, accepted spellings, the number). */
  answer: string[];
  explanation: string;
  /** Anchor of the lesson heading that teaches it. */
  section: string;
}

export interface QuestionResult {
  key: string;
  correct: boolean;
  points: number;
  maxPoints: number;
  answered: boolean;
  /** Cluster questions: the live value at grading time. */
  expected?: string | null;
  reveal?: RevealedAnswer;
}

export function revealedAnswer(q: Question, graded: GradedAnswer | null): RevealedAnswer {
  let answer: string[];
  switch (q.type) {
    case "single":
    case "multiple":
      answer = q.options.filter((o) => o.correct).map((o) => o.text);
      break;
    case "ordering":
      answer = q.items.map((i) => i.text);
      break;
    case "short":
      answer = q.accepted;
      break;
    case "numeric":
      answer = [
        `${q.answer}${q.unit ? ` ${q.unit}` : ""}${q.tolerance ? ` (±${q.tolerance})` : ""}`,
      ];
      break;
    case "cluster":
      answer = [graded?.expected ?? "없음 (채점 시점에 해당 대상이 없었습니다)"];
      break;
  }
  return { answer, explanation: q.explanation, section: q.section };
}
