// `kubectl exec -it … -- sh` in the lab terminal in a real browser: the container's
// prompt, etcdctl inside etcd-master1, the shell's own ↑ history, a multi-line paste
// run line by line, Ctrl-C dropping the line, and `exit 3` back to the outer prompt
// with kubectl's "command terminated with exit code 3".
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser";
import { createLearner, openAs, terminalText } from "./lab-helpers";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The machine is shared: every step may wait for a loaded server. */
const T = { timeout: 20_000 };

const HEALTH =
  "etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key endpoint health";

/** The terminal's text as lines, without xterm's trailing blanks. */
const lines = async (page: Page) =>
  (await terminalText(page))
    .split("\n")
    .map((l) => l.replace(/[\s\u00a0]+$/, ""))
    .filter(Boolean);
const lastLine = async (page: Page) => (await lines(page)).at(-1) ?? "";

/** A clipboard paste into xterm's textarea (xterm turns its newlines into Enter). */
async function paste(page: Page, text: string) {
  await page.locator(".xterm-helper-textarea").evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true }));
  }, text);
}

async function enter(page: Page, text: string) {
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

describe("container shell in the lab terminal", () => {
  it("opens etcd-master1's sh, runs etcdctl, keeps its own history and leaves with exit 3", async () => {
    const learner = await createLearner();
    const page = await openAs(browser, learner, "/sandbox");
    try {
      await steps(page);
    } catch (e) {
      console.log(`terminal at failure:\n${await terminalText(page).catch(() => "")}`);
      throw e;
    }
    await page.close();
  }, 180_000);
});

async function steps(page: Page) {
  await page.locator(".xterm-rows").waitFor();
  await expect.poll(() => terminalText(page), T).toContain("root@master1");
  await page.locator(".xterm").click();

  await enter(page, "kubectl exec -it -n kube-system etcd-master1 -- sh");
  await expect.poll(() => lastLine(page), T).toBe("#");

  await enter(page, HEALTH);
  await expect
    .poll(() => terminalText(page), T)
    .toMatch(/https:\/\/127\.0\.0\.1:2379 is healthy: successfully committed proposal/);
  await expect.poll(() => lastLine(page), T).toBe("#");
  // Typed across several rows, the line was redrawn in place: it is on screen once.
  const text = (await terminalText(page)).replace(/\n/g, "");
  expect(text.split("etcdctl --endpoints=").length - 1).toBe(1);

  // ↑ walks the shell's history, not the outer terminal's; Ctrl-C drops the line.
  await enter(page, "hostname");
  await expect.poll(async () => (await lines(page)).slice(-2).join("|"), T).toBe("etcd-master1|#");
  await page.keyboard.press("ArrowUp");
  await expect.poll(() => lastLine(page), T).toBe("# hostname");
  await page.keyboard.press("Control+c");
  await expect.poll(async () => (await lines(page)).slice(-2).join("|"), T).toBe("# hostname^C|#");

  // A paste of two lines runs them in turn, each answer before the next line.
  await paste(page, "hostname\necho pasted\n");
  await expect
    .poll(async () => (await lines(page)).slice(-5).join("|"), T)
    .toBe("# hostname|etcd-master1|# echo pasted|pasted|#");

  await enter(page, "exit 3");
  await expect.poll(() => terminalText(page), T).toContain("command terminated with exit code 3");
  await expect.poll(async () => (await lastLine(page)).includes("root@master1"), T).toBe(true);
  // Back outside, ↑ is the outer history again: the exec line, not the shell's lines.
  await page.keyboard.press("ArrowUp");
  // (The terminal is narrower than the prompt and the line: they wrap onto two rows,
  // and the space at the row's end is trimmed by the row text.)
  await expect
    .poll(async () => (await lines(page)).slice(-2).join(""), T)
    .toMatch(/# kubectl exec -it -n kube-system ?etcd-master1 -- sh$/);
}
