import { describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load-content";
import { decodeResponse, encodeResponse, presentQuiz, revealedAnswer } from "./client-view";
import { loadSessionQuiz } from "./quiz-catalog";
import { QuizError } from "./quiz-error";
import { opaqueKey } from "./shuffle";

const session = loadContent()[0]!.sessions[0]!;
const { quiz } = loadSessionQuiz(session)!;
const byId = (id: string) => quiz.questions.find((q) => q.id === id)!;

describe("presentQuiz", () => {
  it("is deterministic per attempt seed and shuffles questions and options", () => {
    const a = presentQuiz(quiz, "seed-a");
    expect(presentQuiz(quiz, "seed-a")).toEqual(a);
    const b = presentQuiz(quiz, "seed-b");
    expect(b.map((p) => p.question.id)).not.toEqual(a.map((p) => p.question.id));
    expect(a.map((p) => p.view.number)).toEqual(quiz.questions.map((_, i) => i + 1));
    expect(new Set(a.map((p) => p.question.id)).size).toBe(quiz.questions.length);
  });

  it("shows ordering items out of order", () => {
    for (const seed of ["s1", "s2", "s3", "s4", "s5"]) {
      for (const { question, view } of presentQuiz(quiz, seed)) {
        if (question.type !== "ordering") continue;
        const truth = question.items.map((i) => opaqueKey(seed, question.id, i.id));
        expect(view.options!.map((o) => o.key)).not.toEqual(truth);
      }
    }
  });

  it("presents nothing that gives the answer away", () => {
    const views = presentQuiz(quiz, "seed-a").map((p) => p.view);
    const json = JSON.stringify(views);
    const texts = new Set(views.flatMap((v) => (v.options ?? []).map((o) => o.text)));
    for (const word of [
      '"correct"',
      '"accepted"',
      '"explanation"',
      '"answer"',
      '"probe"',
      '"goal"',
    ]) {
      expect(json).not.toContain(word);
    }
    for (const q of quiz.questions) {
      expect(json).not.toContain(q.explanation);
      expect(json).not.toContain(`"${q.id}"`);
      // (an id that is also some option's text, like "kubelet", is visible as that text)
      if ("options" in q)
        for (const o of q.options) if (!texts.has(o.id)) expect(json).not.toContain(`"${o.id}"`);
    }
  });
});

describe("decodeResponse / encodeResponse", () => {
  const seed = "seed-x";
  it("maps the attempt's keys to authored ids and back", () => {
    const q = byId("worker-node-components");
    const keys = ["kubelet", "etcd"].map((id) => opaqueKey(seed, q.id, id));
    const stored = decodeResponse(q, seed, { choices: [...keys, keys[0]!] });
    expect(stored).toEqual({ choices: ["kubelet", "etcd"] });
    expect(encodeResponse(q, seed, stored)).toEqual({ choices: keys });
  });

  it("refuses keys of another attempt, wrong shapes and partial orders", () => {
    const single = byId("control-loop");
    const other = opaqueKey("another-seed", single.id, "reconcile");
    expect(() => decodeResponse(single, seed, { choice: other })).toThrow(QuizError);
    expect(() => decodeResponse(single, seed, { text: "reconcile" })).toThrow(QuizError);
    const ordering = byId("scheduling-steps");
    const keys =
      ordering.type === "ordering"
        ? ordering.items.map((i) => opaqueKey(seed, ordering.id, i.id))
        : [];
    expect(decodeResponse(ordering, seed, { order: keys })).toEqual({
      order: ["filter", "score", "select", "bind", "send"],
    });
    expect(() => decodeResponse(ordering, seed, { order: keys.slice(1) })).toThrow(QuizError);
    expect(() =>
      decodeResponse(ordering, seed, { order: [keys[0]!, ...keys.slice(0, -1)] }),
    ).toThrow(QuizError);
    expect(decodeResponse(byId("quorum-five"), seed, { text: "  2 " })).toEqual({ text: "2" });
  });
});

describe("revealedAnswer", () => {
  it("states the answer in words with the explanation and the lesson anchor", () => {
    const q = byId("quorum-five");
    expect(revealedAnswer(q, null)).toEqual({
      answer: ["2 개"],
      explanation: q.explanation,
      section: "etcd-아키텍처-및-데이터-모델",
    });
    const cluster = byId("live-scheduler-leader");
    expect(
      revealedAnswer(cluster, { correct: false, points: 0, maxPoints: 1, expected: "master2" })
        .answer,
    ).toEqual(["master2"]);
  });
});
