// The lab terminal in a real browser: sign in, type kubectl commands with local
// echo, Tab completion, ↑ history that survives a reload, Ctrl-L, and the terminal
// script loaded only on the page that uses it.
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { hashPassword } from "@/lib/auth/password-hash";
import { db } from "@/lib/db/client";
import { launchBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const password = "terminal-test-2026";
let browser: Browser;
let user: { id: string; email: string };

beforeAll(async () => {
  browser = await launchBrowser();
  user = await db().user.create({
    data: {
      email: `terminal-${randomUUID().slice(0, 8)}@example.com`,
      name: "터미널 테스트",
      passwordHash: await hashPassword(password),
    },
  });
});

afterAll(async () => {
  await browser?.close();
});

async function openTerminal(page: Page) {
  await page.goto(`${baseUrl}/signin?callbackUrl=${encodeURIComponent("/sandbox")}`);
  await page.getByLabel("이메일").fill(user.email);
  await page.getByLabel("비밀번호").fill(password);
  await page.getByRole("button", { name: "로그인" }).click();
  await page.waitForURL(`${baseUrl}/sandbox`);
  await page.locator(".xterm-rows").waitFor();
  await expect.poll(() => screen(page), { timeout: 15_000 }).toContain("root@master1");
  await page.locator(".xterm").click();
}

const screen = (page: Page) => page.locator(".xterm-rows").innerText();

describe("lab terminal", () => {
  it("runs kubectl against the learner's cluster with completion and history", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openTerminal(page);

    await page.keyboard.type("kubectl get no");
    await page.keyboard.press("Tab");
    await expect.poll(() => screen(page)).toContain("kubectl get nodes");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => screen(page), { timeout: 15_000 })
      .toMatch(/master1\s+Ready\s+control-plane/);

    await page.keyboard.type("kubectl get foo");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => screen(page))
      .toContain('error: the server doesn\'t have a resource type "foo"');

    // Ctrl-L clears the screen; ↑ brings back the last command, also after a reload.
    await page.keyboard.press("Control+l");
    await expect.poll(() => screen(page)).not.toContain("control-plane");
    await page.reload();
    await page.locator(".xterm-rows").waitFor();
    await expect.poll(() => screen(page), { timeout: 15_000 }).toContain("root@master1");
    await page.locator(".xterm").click();
    await page.keyboard.press("ArrowUp");
    await expect.poll(() => screen(page)).toContain("kubectl get foo");
    await page.close();
  });

  it("loads xterm.js only on the terminal page", async () => {
    const page = await browser.newPage();
    const scripts: string[] = [];
    page.on("response", async (r) => {
      if (r.request().resourceType() === "script") scripts.push(await r.text().catch(() => ""));
    });
    await page.goto(`${baseUrl}/courses/kubernetes`);
    await page.waitForLoadState("networkidle");
    expect(scripts.some((s) => s.includes("xterm-helper-textarea"))).toBe(false);
    await page.close();
  });
});
