// Reading progress in the browser: scrolling through a section and the
// "읽음 표시" button store progress for the signed-in learner, which survives a
// reload and shows on the course overview.
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { hashPassword } from "@/lib/auth/password-hash";
import { db } from "@/lib/db/client";
import { launchBrowser } from "./browser";
import { LESSON_PATH, seriousAxeViolations } from "./lesson-helpers";

const baseUrl = inject("baseUrl");
const password = "progress-test-2026";
let browser: Browser;
let user: { id: string; email: string };

beforeAll(async () => {
  browser = await launchBrowser();
  user = await db().user.create({
    data: {
      email: `progress-${randomUUID().slice(0, 8)}@example.com`,
      name: "진도 테스트",
      passwordHash: await hashPassword(password),
    },
  });
});

afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page) {
  await page.goto(`${baseUrl}/signin?callbackUrl=${encodeURIComponent(LESSON_PATH)}`);
  await page.getByLabel("이메일").fill(user.email);
  await page.getByLabel("비밀번호").fill(password);
  await page.getByRole("button", { name: "로그인" }).click();
  await page.waitForURL(`${baseUrl}${LESSON_PATH}`);
}

const readIds = async () =>
  (await db().sectionProgress.findMany({ where: { userId: user.id } }))
    .map((r) => r.sectionId)
    .sort();

describe("lesson progress", () => {
  it("records sections scrolled through or marked, per learner, and shows them on the overview", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    expect(await readIds()).toEqual([]);
    await signIn(page);

    // Scroll to the end of "1. 이론" and stay there: it counts as read.
    await page.locator('[data-section-end="cluster-architecture"]').scrollIntoViewIfNeeded();
    await expect.poll(readIds, { timeout: 10_000 }).toContain("cluster-architecture");

    // Mark a section explicitly with the button.
    const marker = page.getByRole("button", { name: "5. 토론 및 정리 (3분): 읽음 표시" });
    await marker.scrollIntoViewIfNeeded();
    await marker.click();
    await expect.poll(readIds).toContain("discussion");
    await page
      .getByRole("button", { name: "5. 토론 및 정리 (3분): 읽음 (누르면 읽음 표시 취소)" })
      .waitFor();

    // After a reload the table of contents shows both as read.
    await page.reload();
    const readInToc = page.locator('aside nav a:has(svg[aria-label="읽음"])');
    await expect
      .poll(async () =>
        (await readInToc.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).sort(),
      )
      .toEqual(expect.arrayContaining(["#cluster-architecture", "#discussion"]));

    // The reloaded lesson page may still record a section it stayed on while the overview
    // renders (CI once saw "3/6" with 4 rows stored): the count must equal the rows stored
    // before and after the overview's render, so retry while a write lands in between.
    const overview = page.getByTestId("session-architecture");
    await expect
      .poll(async () => {
        const before = (await readIds()).length;
        await page.goto(`${baseUrl}/courses/kubernetes`);
        const shown = await overview.getByTestId("read-count").innerText();
        const after = (await readIds()).length;
        return before === after ? shown.includes(`${after}/6`) : "a write landed meanwhile";
      })
      .toBe(true);
    const read = (id: string) =>
      overview.locator(`[data-section="${id}"]`).getAttribute("data-read");
    expect(await read("cluster-architecture")).toBe("true");
    expect(await read("discussion")).toBe("true");
    expect(await read("communication")).toBe("false");
    expect(await overview.innerText()).toContain("Week 2 > Day 3 > Session 2");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });

  it("keeps progress to the signed-in learner: a visitor sees none and can still read", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}${LESSON_PATH}`);
    await page.getByText("하면 읽은 섹션이 저장됩니다.").waitFor();
    expect(await page.locator('[data-read="true"]').count()).toBe(0);
    expect(await page.getByRole("button", { name: /읽음 표시$/ }).count()).toBe(0);
    await page.close();
  });
});
