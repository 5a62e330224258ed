// Hostile text in every user-typed field of the web API: names, class names,
// join codes, editor files, terminal lines, quiz answers. Each is either stored
// as the exact text (markup is only ever rendered escaped by React) or refused
// with a Korean 400/413 - never a database error surfacing as a 500.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as signup } from "@/app/api/signup/route";
import { PATCH as profile } from "@/app/api/auth/profile/route";
import { POST as createClass } from "@/app/api/classes/route";
import { POST as joinClass } from "@/app/api/classes/join/route";
import { PUT as saveFile } from "@/app/api/workspace/[workspace]/[file]/route";
import { POST as exec } from "@/app/api/sandboxes/[id]/exec/route";
import { POST as startQuiz } from "@/app/api/quiz/attempts/route";
import { PUT as saveAnswers } from "@/app/api/quiz/attempts/[id]/answers/route";
import { userSandbox } from "@/lib/terminal";
import { createUser, jsonRequest, sessionCookie } from "../auth-fixtures";

const HOSTILE: [string, string][] = [
  ["NUL", "a\u0000b"],
  ["lone surrogate", "x\ud800y"],
  ["script tag", "<script>alert('xss')</script>"],
  ["img onerror", '"><img src=x onerror=alert(1)>'],
  ["RTL override", "\u202egnp.exe"],
  ["SQL", '\'; DROP TABLE "User"; --'],
  ["1 MB", "가".repeat(350_000)],
  ["zero-width", "a\u200b\u200c\u200db"],
  ["emoji", "😀👩‍💻"],
  ["template", "{{constructor.constructor('x')()}}"],
];

let learnerCookie = "";
let instructorCookie = "";
let sandboxId = "";

beforeAll(async () => {
  const learner = await createUser("LEARNER");
  learnerCookie = await sessionCookie(learner.id);
  sandboxId = await userSandbox(learner.id);
  instructorCookie = await sessionCookie((await createUser("INSTRUCTOR")).id);
}, 60_000);

// A lone surrogate cannot be percent-encoded (a browser never sends one in a URL);
// the route still receives the raw parameter below.
function urlSafe(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return "unencodable";
  }
}

const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

type Case = [string, (value: string) => Promise<Response>];

const FIELDS: Case[] = [
  [
    "sign-up name",
    (v) =>
      signup(
        jsonRequest("/api/signup", "POST", {
          name: v,
          email: `h${Math.random().toString(36).slice(2, 10)}@example.com`,
          password: "correct-horse-42",
        }),
      ),
  ],
  [
    "sign-up email",
    (v) =>
      signup(
        jsonRequest("/api/signup", "POST", { name: "x", email: v, password: "correct-horse-42" }),
      ),
  ],
  [
    "profile name",
    (v) =>
      profile(jsonRequest("/api/auth/profile", "PATCH", { name: v }, { cookie: learnerCookie })),
  ],
  [
    "class name",
    (v) =>
      createClass(
        jsonRequest(
          "/api/classes",
          "POST",
          { name: v, term: "2026-2" },
          { cookie: instructorCookie },
        ),
      ),
  ],
  [
    "class term",
    (v) =>
      createClass(
        jsonRequest("/api/classes", "POST", { name: "반", term: v }, { cookie: instructorCookie }),
      ),
  ],
  [
    "join code",
    (v) =>
      joinClass(jsonRequest("/api/classes/join", "POST", { code: v }, { cookie: learnerCookie })),
  ],
  [
    "editor file content",
    (v) =>
      saveFile(
        jsonRequest(
          "/api/workspace/sandbox/notes.yaml",
          "PUT",
          { content: v },
          { cookie: learnerCookie },
        ),
        ctx({ workspace: "sandbox", file: "notes.yaml" }),
      ),
  ],
  [
    "editor file name",
    (v) =>
      saveFile(
        jsonRequest(
          `/api/workspace/sandbox/${urlSafe(v)}`,
          "PUT",
          { content: "x" },
          { cookie: learnerCookie },
        ),
        ctx({ workspace: "sandbox", file: v }),
      ),
  ],
  [
    "terminal line",
    (v) =>
      exec(
        jsonRequest(
          `/api/sandboxes/${sandboxId}/exec`,
          "POST",
          { command: `kubectl get pods ${v}` },
          { cookie: learnerCookie },
        ),
        ctx({ id: sandboxId }),
      ),
  ],
  [
    "quiz answer",
    async (v) => {
      const started = await startQuiz(
        jsonRequest(
          "/api/quiz/attempts",
          "POST",
          { courseId: "kubernetes", sessionId: "architecture" },
          { cookie: learnerCookie },
        ),
      );
      expect(started.status).toBe(201);
      const overview = (await started.json()) as {
        current: { id: string; questions: { key: string; type: string }[] };
      };
      const id = overview.current.id;
      // A typed-answer question, so the hostile text reaches storage.
      const q = overview.current.questions.find((x) => x.type === "short" || x.type === "numeric");
      expect(q).toBeDefined();
      return saveAnswers(
        jsonRequest(
          `/api/quiz/attempts/${id}/answers`,
          "PUT",
          { answers: [{ questionKey: q!.key, response: { text: v } }] },
          { cookie: learnerCookie },
        ),
        ctx({ id }),
      );
    },
  ],
];

const CASES = FIELDS.flatMap(([field, send]) =>
  HOSTILE.map(([label, value]) => [`${field}: ${label}`, send, value] as const),
);

describe("hostile text in user fields", () => {
  it(`covers ${CASES.length} field × input pairs`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
  });

  it.each(CASES)("%s", async (_name, send, value) => {
    const res = await send(value);
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBeLessThan(500);
    if (res.status >= 400) {
      const body = JSON.parse(text) as { error?: { message?: string } };
      // A Korean explanation, not an English stack or database message.
      expect(body.error?.message ?? "", text.slice(0, 300)).toMatch(/[가-힣]/);
    }
  });
});
