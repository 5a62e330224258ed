// The instructor's class matrix in a real browser: a learner joins with the
// join link, the instructor watches the matrix, the learner runs a lab check in
// their own browser, and the attempt shows in the instructor's matrix within a
// few seconds without a reload (polling of the aggregate endpoint).
import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { hashPassword } from "@/lib/auth/password-hash";
import { createClass, joinClass } from "@/lib/classes/class-service";
import { displayJoinCode } from "@/lib/classes/join-code";
import { db } from "@/lib/db/client";
import { launchBrowser } from "./browser";
import { seriousAxeViolations } from "./lesson-helpers";

const baseUrl = inject("baseUrl");
const password = "classes-test-2026";
const LAB = "pod-journey";
let browser: Browser;
const contexts: BrowserContext[] = [];

async function person(role: "LEARNER" | "INSTRUCTOR", name: string) {
  return db().user.create({
    data: {
      email: `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`,
      name,
      role,
      passwordHash: await hashPassword(password),
    },
  });
}

async function signedInPage(email: string, path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/signin?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill(password);
  await page.getByRole("button", { name: "로그인" }).click();
  await page.waitForURL(`${baseUrl}${path}`);
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

// Two browser sessions, sign-ins and a lab check on a shared, busy machine.
describe("class matrix", { timeout: 180_000 }, () => {
  it("shows a learner's check attempt to the instructor live", async () => {
    const teacher = await person("INSTRUCTOR", "김강사");
    const learner = await person("LEARNER", "이학생");
    const cls = await createClass(
      db(),
      { id: teacher.id, email: teacher.email, name: teacher.name, role: teacher.role },
      { name: "브라우저 테스트 반", term: "2026 가을" },
    );

    // The learner joins through the join link.
    const joinPath = `/join/${displayJoinCode(cls.joinCode)}`;
    const learnerPage = await signedInPage(learner.email, joinPath);
    await learnerPage.getByRole("button", { name: "참여하기" }).click();
    await learnerPage.getByText("브라우저 테스트 반 수업에 참여했습니다.").waitFor();
    expect(await db().classMember.count({ where: { classId: cls.id, userId: learner.id } })).toBe(
      1,
    );

    // The instructor opens the matrix: the learner is there, nothing done in the lab yet.
    const matrixPath = `/instructor/classes/${cls.id}`;
    const teacherPage = await signedInPage(teacher.email, matrixPath);
    const row = teacherPage.locator(`[data-testid="matrix-row"][data-user-id="${learner.id}"]`);
    await row.waitFor();
    expect(await row.getByRole("rowheader").innerText()).toContain("이학생");
    const labCells = row.locator(`[data-testid="cell"][data-column^="lab:${LAB}/"]`);
    expect(await labCells.count()).toBeGreaterThan(0);
    expect(
      new Set(await labCells.evaluateAll((cs) => cs.map((c) => c.getAttribute("data-status")))),
    ).toEqual(new Set(["none"]));
    expect(await seriousAxeViolations(teacherPage)).toEqual([]);

    // The learner grades the lab in their own browser session (the lab page's 채점 button calls this API).
    const graded = await learnerPage.evaluate(async (lab) => {
      const res = await fetch(`/api/labs/${lab}/check`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      return res.status;
    }, LAB);
    expect(graded).toBe(200);
    const attempts = await db().labAttempt.findMany({ where: { userId: learner.id, labId: LAB } });
    expect(attempts).toHaveLength(1);

    // Without a reload, the matrix picks it up: the lab's tasks are now tried (or done).
    await expect
      .poll(
        async () =>
          new Set(await labCells.evaluateAll((cs) => cs.map((c) => c.getAttribute("data-status")))),
        { timeout: 15_000, interval: 500 },
      )
      .not.toContain("none");
    const total = teacherPage.locator(`[data-testid="total"][data-column^="lab:${LAB}/"]`).first();
    expect(await total.innerText()).toMatch(/^\d+$/);

    // The learner page shows the attempt with its per-check results.
    await row.getByRole("link", { name: "이학생" }).click();
    await teacherPage.waitForURL(`${baseUrl}${matrixPath}/learners/${learner.id}`);
    await teacherPage.locator('[data-kind="check"]').first().waitFor();
    expect(await teacherPage.locator('[data-kind="check"]').count()).toBe(1);
  });

  it("keeps learners and other instructors out of the class pages", async () => {
    const teacher = await person("INSTRUCTOR", "박강사");
    const other = await person("INSTRUCTOR", "최강사");
    const learner = await person("LEARNER", "정학생");
    const cls = await createClass(
      db(),
      { id: teacher.id, email: teacher.email, name: teacher.name, role: teacher.role },
      { name: "비공개 반", term: "2026" },
    );
    await joinClass(
      db(),
      { id: learner.id, email: learner.email, name: learner.name, role: learner.role },
      cls.joinCode,
    );
    const paths = [
      `/instructor/classes/${cls.id}`,
      `/instructor/classes/${cls.id}/insight`,
      `/instructor/classes/${cls.id}/learners/${learner.id}`,
    ];
    const learnerPage = await signedInPage(learner.email, "/classes");
    const otherPage = await signedInPage(other.email, "/classes");
    for (const path of paths) {
      expect((await learnerPage.goto(`${baseUrl}${path}`))?.status()).toBe(403);
      expect((await otherPage.goto(`${baseUrl}${path}`))?.status()).toBe(404);
      expect(await otherPage.content()).not.toContain("비공개 반");
    }
    // The learner sees the class they joined, without its join code.
    await learnerPage.goto(`${baseUrl}/classes`);
    expect(await learnerPage.getByTestId("joined-classes").innerText()).toContain("비공개 반");
    const html = await learnerPage.content();
    expect(html).not.toContain(displayJoinCode(cls.joinCode));
    expect(html).not.toContain(cls.joinCode);
  });
});
