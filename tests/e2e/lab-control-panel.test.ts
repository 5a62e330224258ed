// The lab control panel in a real browser: a learner stops an etcd member from
// the 제어판 tab, sees the result, and the terminal then shows the cluster's
// reaction (the member's endpoint fails health checks); a wrong target gets a
// Korean error.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser";
import { createLearner, openAs, terminalText } from "./lab-helpers";

let browser: Browser;
let user: { id: string; email: string };

beforeAll(async () => {
  browser = await launchBrowser();
  user = await createLearner();
});

afterAll(async () => {
  await browser?.close();
});

describe("lab control panel", () => {
  it("stops an etcd member and the terminal shows it unhealthy", async () => {
    const page = await openAs(browser, user, "/labs/etcd-raft");
    await expect.poll(() => terminalText(page), { timeout: 60_000 }).toContain("root@master1");

    await page.getByRole("tab", { name: "제어판" }).click();
    const panel = page.getByRole("tabpanel", { name: "제어판" });
    await panel.getByLabel("대상").fill("nosuchnode");
    await panel.getByRole("button", { name: "실행" }).click();
    await expect
      .poll(() => panel.getByRole("status").textContent(), { timeout: 30_000 })
      .toMatch(/⚠/);

    await panel.getByLabel("대상").fill("master2");
    await panel.getByRole("button", { name: "실행" }).click();
    await expect
      .poll(() => panel.getByRole("status").textContent(), { timeout: 30_000 })
      .toContain("etcd 멤버 master2 중지");
    await expect
      .poll(() => terminalText(page), { timeout: 15_000 })
      .toContain("etcd 멤버 master2 중지");

    await page.locator(".xterm").click();
    await page.keyboard.type("etcdctl endpoint health --cluster");
    await page.keyboard.press("Enter");
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/is unhealthy/);
  }, 180_000);
});
