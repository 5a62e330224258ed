// The lesson in a real browser (production build): complete seed text in the
// served HTML, readable without JavaScript, both mermaid diagrams drawn as SVG
// in light and dark, TOC following the scroll, glossary tooltips, lab actions,
// phone layout, and axe with no serious violations.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { getSession } from "@/lib/content/catalog";
import { missingFromPage } from "@/lib/content/seed-completeness";
import { THEME_COOKIE } from "@/lib/i18n/theme";
import { launchBrowser } from "./browser";
import { LESSON_PATH, seriousAxeViolations } from "./lesson-helpers";

const baseUrl = inject("baseUrl");
const lessonUrl = `${baseUrl}${LESSON_PATH}`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const diagrams = (page: Page) => page.locator('.lesson-diagram[data-diagram-state="rendered"] svg');

async function waitForDiagrams(page: Page) {
  await expect.poll(() => diagrams(page).count(), { timeout: 30_000 }).toBe(2);
}

describe("lesson page", () => {
  it("serves every heading, code block, diagram and paragraph of the seed", async () => {
    const response = await fetch(lessonUrl);
    expect(response.status).toBe(200);
    const html = await response.text();
    const session = getSession("kubernetes", "architecture")!;
    expect(missingFromPage(session.body, html)).toEqual([]);
    // Server-side highlighting: colours are in the HTML, no highlighter in the browser.
    expect(html).toContain("--shiki-dark");
  });

  it("is readable without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(lessonUrl);
    expect(await page.locator("h1").innerText()).toBe("Session 2: Kubernetes 아키텍처 심화 분석");
    // Diagram sources and tree drawings are visible as text.
    const sources = page.locator(".lesson-diagram pre");
    expect(await sources.count()).toBe(2);
    expect(await sources.nth(1).isVisible()).toBe(true);
    expect(await sources.nth(1).innerText()).toContain("participant runtime as Container Runtime");
    expect(await page.getByText("├── 클러스터의 중앙 관리 지점").isVisible()).toBe(true);
    expect(await page.locator('nav[aria-label="목차"] a[href="#etcd-state"]').count()).toBe(2);
    await context.close();
  });

  it("draws both mermaid diagrams as SVG with every participant, in light and dark", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(lessonUrl);
    await waitForDiagrams(page);
    const architecture = await diagrams(page).nth(0).textContent();
    for (const name of [
      "API Server",
      "etcd Cluster",
      "Scheduler",
      "Controller Manager",
      "Cloud Controller Manager",
      "kubelet",
      "kube-proxy",
      "Container Runtime",
      "Pods",
      "DNS",
      "Dashboard",
      "Monitoring",
    ]) {
      expect(architecture).toContain(name);
    }
    const sequence = await diagrams(page).nth(1).textContent();
    for (const name of [
      "kubectl",
      "API Server",
      "etcd",
      "Scheduler",
      "kubelet",
      "Container Runtime",
      "Bind Pod to node",
    ]) {
      expect(sequence).toContain(name);
    }
    const lightSvg = await diagrams(page)
      .nth(1)
      .evaluate((svg) => svg.outerHTML);

    await page.evaluate(() => {
      document.documentElement.dataset.theme = "dark";
    });
    await expect
      .poll(
        () =>
          diagrams(page)
            .nth(1)
            .evaluate((svg) => svg.outerHTML),
        { timeout: 15_000 },
      )
      .not.toBe(lightSvg);
    expect(await diagrams(page).count()).toBe(2);
    expect(await diagrams(page).nth(1).textContent()).toContain("Container Runtime");
    await page.close();
  });

  it("marks the current heading in the table of contents while scrolling", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(lessonUrl);
    const current = page.locator('aside nav a[aria-current="location"]');
    await page.locator("#etcd-state").evaluate((el) => el.scrollIntoView());
    await expect.poll(() => current.getAttribute("href")).toBe("#etcd-state");
    await page.locator("#클러스터-구성-예시").evaluate((el) => el.scrollIntoView());
    await expect.poll(() => current.getAttribute("href")).toBe("#클러스터-구성-예시");
    await page.close();
  });

  it("links commands to the lab terminal and the kubeadm YAML to the editor", async () => {
    const page = await browser.newPage();
    await page.goto(lessonUrl);
    const run = page.getByRole("link", {
      name: "실습 터미널에서 실행: etcdctl watch --prefix /registry/pods/",
    });
    const href = new URL((await run.getAttribute("href"))!, baseUrl);
    expect(href.pathname).toBe("/labs/pod-journey");
    expect(href.searchParams.get("cmd")).toBe("etcdctl watch --prefix /registry/pods/");
    expect(await page.getByRole("link", { name: /^실습 터미널에서 실행: / }).count()).toBe(6);
    const editor = new URL(
      (await page.getByRole("link", { name: "에디터에서 열기" }).getAttribute("href"))!,
      baseUrl,
    );
    expect(editor.pathname).toBe("/labs/ha-design");
    expect(editor.searchParams.get("file")).toContain("kind: ClusterConfiguration");
    await page.close();
  });

  it("copies a code block and shows glossary definitions on hover", async () => {
    const context = await browser.newContext({
      permissions: ["clipboard-read", "clipboard-write"],
    });
    const page = await context.newPage();
    await page.goto(lessonUrl);
    const yamlBlock = page.locator(".lesson-code", { hasText: "kind: ClusterConfiguration" });
    await yamlBlock.getByRole("button", { name: "YAML 복사" }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('controlPlaneEndpoint: "k8s-api.example.com:6443"');

    const term = page.locator("a.glossary-term", { hasText: "Raft 합의" });
    const tooltip = () => term.evaluate((el) => getComputedStyle(el, "::after").display);
    expect(await tooltip()).toBe("none");
    await term.hover();
    await expect.poll(tooltip).toBe("block");
    expect(await term.evaluate((el) => getComputedStyle(el, "::after").content)).toContain(
      "리더 선출",
    );
    await context.close();
  });

  it("fits a phone: tree drawings scroll sideways instead of wrapping", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(lessonUrl);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    const tree = page.locator(".lesson-tree pre").first();
    const { scrollWidth, clientWidth, whiteSpace } = await tree.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
      whiteSpace: getComputedStyle(el).whiteSpace,
    }));
    expect(whiteSpace).toBe("pre");
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    // Korean in code falls back to the site's Korean font, not to empty boxes.
    const codeFont = await tree.locator("code").evaluate((el) => getComputedStyle(el).fontFamily);
    expect(codeFont.toLowerCase()).toContain("pretendard");
    await page.close();
  });

  it("has no serious accessibility violations in light and dark", async () => {
    for (const theme of ["light", "dark"]) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addCookies([{ name: THEME_COOKIE, value: theme, url: baseUrl }]);
      const page = await context.newPage();
      await page.goto(lessonUrl);
      expect(await page.locator("html").getAttribute("data-theme")).toBe(theme);
      await waitForDiagrams(page);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
