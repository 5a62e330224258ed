// The end-of-session quiz in a real browser, by keyboard only: start, answer every
// type (arrow keys in radio groups, Space on checkboxes, Alt+↑ to reorder, typing),
// reload mid-way and continue, submit, read the result; the page's HTML carries no
// answers before submission; the page is light and accessible.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { hashPassword } from "@/lib/auth/password-hash";
import { db } from "@/lib/db/client";
import { storedResponse } from "@/lib/quiz/attempts/grade-attempt";
import { presentQuiz } from "@/lib/quiz/client-view";
import { gradeQuestion } from "@/lib/quiz/grading/grade-question";
import { probeCluster } from "@/lib/quiz/cluster-probes";
import { getQuiz } from "@/lib/quiz/quiz-catalog";
import type { Question } from "@/lib/quiz/schema/quiz-schema";
import { opaqueKey } from "@/lib/quiz/shuffle";
import type { SandboxState } from "@/lib/sim";
import { sandboxEnv } from "@/lib/terminal/db-env";
import { userSandbox } from "@/lib/terminal/user-sandbox";
import { launchBrowser } from "./browser";
import { seriousAxeViolations } from "./lesson-helpers";

const baseUrl = inject("baseUrl");
const QUIZ_PATH = "/courses/kubernetes/architecture/quiz";
const password = "quiz-test-2026";
const loaded = getQuiz("kubernetes", "architecture")!;
let browser: Browser;
let user: { id: string; email: string };

beforeAll(async () => {
  browser = await launchBrowser();
  user = await db().user.create({
    data: {
      email: `quiz-${randomUUID().slice(0, 8)}@example.com`,
      name: "퀴즈 테스트",
      passwordHash: await hashPassword(password),
    },
  });
});

afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page) {
  await page.goto(`${baseUrl}/signin?callbackUrl=${encodeURIComponent(QUIZ_PATH)}`);
  await page.getByLabel("이메일").fill(user.email);
  await page.getByLabel("비밀번호").fill(password);
  await page.getByRole("button", { name: "로그인" }).click();
  await page.waitForURL(`${baseUrl}${QUIZ_PATH}`);
}

const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute("data-order-item") ?? null);

/** Answers one question with the keyboard only. */
async function answer(page: Page, q: Question, seed: string, live: SandboxState) {
  const key = (id: string) => opaqueKey(seed, q.id, id);
  const field = page.locator(
    `fieldset:has(input[name="q-${opaqueKey(seed, "question", q.id)}"]), fieldset:has([data-order-item^="q-${opaqueKey(seed, "question", q.id)}-"])`,
  );
  const name = `q-${opaqueKey(seed, "question", q.id)}`;
  switch (q.type) {
    case "single": {
      // Tab lands on the group; arrow keys move the selection (and check it).
      const radios = field.locator('input[type="radio"]');
      const values = await radios.evaluateAll((els) =>
        els.map((e) => (e as HTMLInputElement).value),
      );
      const target = values.indexOf(key(q.options.find((o) => o.correct)!.id));
      await radios.first().focus();
      if (target === 0) await page.keyboard.press("Space");
      for (let i = 0; i < target; i++) await page.keyboard.press("ArrowDown");
      await expect.poll(() => radios.nth(target).isChecked()).toBe(true);
      return;
    }
    case "multiple":
      for (const o of q.options.filter((x) => x.correct)) {
        await field.locator(`input[value="${key(o.id)}"]`).focus();
        await page.keyboard.press("Space");
      }
      return;
    case "ordering": {
      const want = q.items.map((i) => i.text);
      for (let i = 0; i < want.length; i++) {
        const texts = await field
          .getByTestId("ordering-item")
          .locator("[data-order-item]")
          .allInnerTexts();
        let j = texts.indexOf(want[i]!);
        if (j === i) continue;
        await page.locator(`[data-order-item="${name}-${j}"]`).focus();
        while (j > i) {
          await page.keyboard.press("Alt+ArrowUp");
          j--;
          await expect.poll(() => focused(page)).toBe(`${name}-${j}`);
        }
      }
      return;
    }
    case "short":
      await field.locator("input").focus();
      await page.keyboard.type(q.accepted.at(-1)!);
      return;
    case "numeric":
      await field.locator("input").focus();
      await page.keyboard.type(`${q.answer}`);
      return;
    case "cluster":
      await field.locator("input").focus();
      await page.keyboard.type(probeCluster(live, q.probe).value ?? "없음");
      return;
  }
}

const t0 = Date.now();
const step = (what: string) => console.log(`[quiz e2e +${Date.now() - t0} ms] ${what}`);

describe("quiz in the browser", () => {
  it("is taken with the keyboard only, resumes after a reload and shows the graded result", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page);
    step("signed in");
    const start = page.getByTestId("quiz-start");
    await start.focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("quiz-submit").waitFor();
    const attempt = await db().quizAttempt.findFirstOrThrow({ where: { userId: user.id } });
    const live = await sandboxEnv(await userSandbox(user.id)).state();
    step("attempt started, sandbox read");

    // The HTML the server sends for the attempt holds prompts, never answers.
    const html = await (await page.request.get(`${baseUrl}${QUIZ_PATH}`)).text();
    expect(html).toContain(loaded.quiz.questions[0]!.prompt.slice(0, 20));
    for (const q of loaded.quiz.questions) {
      expect(html).not.toContain(q.explanation.slice(0, 30));
      expect(html).not.toContain(`"${q.id}"`);
      if (q.type === "short") expect(html).not.toContain(q.accepted[0]);
    }
    expect(html).not.toMatch(/"correct"|"accepted"|"explanation"/);

    const order = presentQuiz(loaded.quiz, attempt.seed).map((p) => p.question);
    const half = Math.ceil(order.length / 2);
    for (const q of order.slice(0, half)) {
      await answer(page, q, attempt.seed, live);
      step(`answered ${q.id}`);
    }
    // Blur the last text field so it is saved, then wait for the autosaves: every
    // answer of the first half stored as given (a row alone may still be an earlier
    // save of a question answered in several key presses).
    await page.keyboard.press("Tab");
    const savedRight = async () => {
      const rows = await db().quizAnswer.findMany({ where: { attemptId: attempt.id } });
      return order.slice(0, half).filter((q) => {
        const row = rows.find((r) => r.questionId === q.id);
        const truth = q.type === "cluster" ? probeCluster(live, q.probe) : undefined;
        return row && gradeQuestion(q, storedResponse(row) ?? undefined, truth).correct;
      }).length;
    };
    await expect.poll(savedRight, { timeout: 10_000 }).toBe(half);

    await page.reload();
    await page.getByTestId("quiz-submit").waitFor();
    const firstText = order.slice(0, half).find((q) => q.type === "short" || q.type === "numeric");
    if (firstText) {
      const input = page.locator(
        `input[name="q-${opaqueKey(attempt.seed, "question", firstText.id)}"]`,
      );
      expect(await input.inputValue()).not.toBe("");
    }
    step("reloaded");
    for (const q of order.slice(half)) {
      await answer(page, q, attempt.seed, live);
      step(`answered ${q.id}`);
    }

    await page.getByTestId("quiz-submit").focus();
    await page.keyboard.press("Enter");
    const score = page.getByTestId("quiz-score");
    await score.waitFor({ timeout: 30_000 });
    step("graded");
    expect(await score.innerText()).toContain("(100%) — 합격");
    expect(await page.getByTestId("quiz-result").count()).toBe(order.length);
    // Explanations and links to the lesson appear after submission.
    expect(await page.getByText(loaded.quiz.questions[0]!.explanation.slice(0, 20)).count()).toBe(
      1,
    );
    expect(
      await page.getByRole("link", { name: "레슨에서 다시 보기" }).first().getAttribute("href"),
    ).toMatch(/^\/courses\/kubernetes\/architecture#/);
    expect(await db().quizAttempt.findUniqueOrThrow({ where: { id: attempt.id } })).toMatchObject({
      status: "SUBMITTED",
      percent: 100,
      passed: true,
    });
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.goto(`${baseUrl}/courses/kubernetes`);
    expect(await page.getByTestId("quiz-result-summary").innerText()).toContain(
      "최종 결과 100% · 합격",
    );
    await page.close();
  }, 240_000);

  it("ships a light page: no editor or terminal code, within the JavaScript budget", () => {
    const script = path.join(process.cwd(), "scripts/check-page-weight.mjs");
    const r = spawnSync(
      process.execPath,
      [script, "--route", "/courses/[courseId]/[sessionId]/quiz", "--limit-kb", "200"],
      { encoding: "utf8" },
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/first-load JS [\d.]+ kB gzip/);
  });
});
