// Shared by the lab workspace browser tests: a learner signed in through the real
// form, the terminal's screen text and the lab's per-learner parameters.
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { hashPassword } from "@/lib/auth/password-hash";
import { db } from "@/lib/db/client";
import { findLab } from "@/lib/labs/catalog";
import { instantiateLab } from "@/lib/labs/load-labs";

export const baseUrl = inject("baseUrl");
const password = "lab-workspace-2026";

export async function createLearner(): Promise<{ id: string; email: string }> {
  return db().user.create({
    data: {
      email: `lab-${randomUUID().slice(0, 8)}@example.com`,
      name: "실습 테스트",
      passwordHash: await hashPassword(password),
    },
  });
}

/** Signs in and lands on `path`. */
export async function openAs(
  browser: Browser,
  user: { email: string },
  path: string,
  viewport = { width: 1440, height: 1000 },
): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${baseUrl}/signin?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("이메일").fill(user.email);
  await page.getByLabel("비밀번호").fill(password);
  await page.getByRole("button", { name: "로그인" }).click();
  await page.waitForURL((url) => url.pathname === path.split("?")[0], { timeout: 30_000 });
  return page;
}

export const terminalText = (page: Page) => page.locator(".xterm-rows").innerText();

/** The lab's parameter values for this learner (what the instructions show them). */
export function labParams(labId: string, userId: string) {
  return instantiateLab(findLab(labId)!, userId).params;
}
