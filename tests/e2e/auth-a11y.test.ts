// axe-core over the shell's pages, in light and dark themes (contrast differs).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { DEMO_PASSWORD, ensureDemoAccounts } from "@/lib/auth/demo-accounts";
import { db } from "@/lib/db/client";
import { launchBrowser } from "./browser";
import { seriousAxeViolations } from "./lesson-helpers";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  await ensureDemoAccounts(db());
});

afterAll(async () => {
  await browser?.close();
});

describe.each(["light", "dark"] as const)("accessibility (%s theme)", (colorScheme) => {
  it("has no serious axe violations on the signed-out pages", async () => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    for (const path of ["/", "/signin", "/signup"]) {
      await page.goto(`${baseUrl}${path}`);
      expect({ path, violations: await seriousAxeViolations(page) }).toEqual({
        path,
        violations: [],
      });
    }
    // With validation errors showing.
    await page.getByLabel("이메일").fill("not-an-email");
    await page.getByRole("button", { name: "가입하기" }).click();
    await page.getByText("올바른 이메일 주소를 입력하세요.", { exact: false }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it("has no serious axe violations on the signed-in pages", async () => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/signin`);
    await page.getByLabel("이메일").fill("admin@kubelab.dev");
    await page.getByLabel("비밀번호").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "로그인" }).click();
    await page.waitForURL(`${baseUrl}/`);
    for (const path of ["/", "/profile", "/admin/users"]) {
      await page.goto(`${baseUrl}${path}`);
      expect({ path, violations: await seriousAxeViolations(page) }).toEqual({
        path,
        violations: [],
      });
    }
    await context.close();
  });
});
