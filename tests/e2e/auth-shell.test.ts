// The shell around every page: theme choice that survives reloads, and forms
// that never leak a password into a URL, even without JavaScript.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { launchBrowser } from "./browser";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("site shell", () => {
  it("cycles the theme system → light → dark and keeps it after a reload", async () => {
    const context = await browser.newContext({
      colorScheme: "light",
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    const html = page.locator("html");
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await html.getAttribute("data-theme")).toBe("system");
    const lightBackground = await background();

    const toggle = page.locator('button[aria-label^="화면 테마"]:visible');
    await toggle.click();
    expect(await html.getAttribute("data-theme")).toBe("light");
    await toggle.click();
    expect(await html.getAttribute("data-theme")).toBe("dark");
    expect(await background()).not.toBe(lightBackground);

    await page.reload();
    // Rendered by the server from the cookie: no flash of the wrong theme.
    expect(await html.getAttribute("data-theme")).toBe("dark");
    expect(await toggle.getAttribute("aria-label")).toBe("화면 테마: 어두운 테마");
    await context.close();
  });

  it("uses Pretendard from our own origin", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const fontRequests: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "font") fontRequests.push(r.url());
    });
    await page.goto(`${baseUrl}/`);
    await page.evaluate(() => document.fonts.ready);
    const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(family.toLowerCase()).toContain("pretendard");
    expect(fontRequests.length).toBeGreaterThan(0);
    expect(fontRequests.every((u) => u.startsWith(baseUrl))).toBe(true);
    await context.close();
  });

  it("without JavaScript, submitting the sign-in form never puts the password in the URL", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/signin`);
    await page.getByLabel("이메일").fill("learner@kubelab.dev");
    await page.getByLabel("비밀번호").fill("secret-password-1");
    const response = await Promise.all([
      page.waitForNavigation(),
      page.getByRole("button", { name: "로그인" }).click(),
    ]).then(([r]) => r);
    expect(page.url()).not.toContain("secret-password");
    expect(response?.status()).toBeLessThan(500);
    await context.close();
  });
});
