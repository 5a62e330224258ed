// kubectl edit from the lab terminal, in a real browser: the object opens in the
// editor with its current YAML, and closing it unsaved prints kubectl's "Edit
// cancelled". Also: the lab page has no serious axe violations.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser";
import { createLearner, openAs, terminalText } from "./lab-helpers";
import { seriousAxeViolations } from "./lesson-helpers";

let browser: Browser;
let user: { id: string; email: string };

beforeAll(async () => {
  browser = await launchBrowser();
  user = await createLearner();
});

afterAll(async () => {
  await browser?.close();
});

async function type(page: import("playwright-core").Page, line: string) {
  await page.locator(".xterm").click();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

describe("lab page", () => {
  it("opens kubectl edit in the editor and cancels it as kubectl does", async () => {
    const page = await openAs(browser, user, "/labs/pod-journey");
    await expect.poll(() => terminalText(page), { timeout: 60_000 }).toContain("root@master1");

    expect(await seriousAxeViolations(page)).toEqual([]);

    await type(page, "kubectl create configmap edit-me --from-literal=color=blue");
    await expect
      .poll(() => terminalText(page), { timeout: 15_000 })
      .toContain("configmap/edit-me created");

    await type(page, "kubectl edit configmap edit-me");
    const save = page.getByRole("button", { name: "저장하고 적용" });
    await save.waitFor({ timeout: 30_000 });
    await page.locator(".monaco-editor .view-lines").first().waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.locator(".monaco-editor .view-lines").first().innerText(), {
        timeout: 15_000,
      })
      .toMatch(/color:\s*blue/);

    // Closing the edit without saving is kubectl's "no changes" (saving a changed
    // object through the same route is covered by tests/integration/terminal-files-edit).
    await page.getByRole("button", { name: "취소" }).click();
    await expect
      .poll(() => terminalText(page), { timeout: 30_000 })
      .toContain("Edit cancelled, no changes made.");
    await expect(save.isVisible()).resolves.toBe(false);
  }, 240_000);
});
