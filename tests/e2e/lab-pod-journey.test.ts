// One lab end to end in a real browser, as a learner does it: the manifest opened in
// the editor and applied from there, a terminal command, the live cluster picture
// with "왜 여기에?", the request trace, then 채점 — every check passes.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser";
import { baseUrl, createLearner, labParams, openAs, terminalText } from "./lab-helpers";

let browser: Browser;
let user: { id: string; email: string };

beforeAll(async () => {
  browser = await launchBrowser();
  user = await createLearner();
});

afterAll(async () => {
  await browser?.close();
});

describe("lab pod-journey end to end", () => {
  it("completes the lab with the editor, the terminal and 채점", async () => {
    const { ns, pod } = labParams("pod-journey", user.id) as { ns: string; pod: string };
    const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: ${pod}
  namespace: ${ns}
  labels:
    app: journey
spec:
  containers:
  - name: web
    image: nginx:1.25
`;
    const page = await openAs(
      browser,
      user,
      `/labs/pod-journey?file=${encodeURIComponent(manifest)}`,
    );
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain("root@master1");

    const step = (name: string) => console.log(`[pod-journey] ${name}`);
    step("terminal ready");
    // A terminal command…
    await page.locator(".xterm").click();
    await page.keyboard.type(`kubectl create namespace ${ns}`);
    await page.keyboard.press("Enter");
    await expect
      .poll(() => terminalText(page), { timeout: 15_000 })
      .toContain(`namespace/${ns} created`);

    // …and the editor's 적용 (kubectl apply -f - with the file as stdin), output in the terminal.
    const editor = page.getByTestId("workspace-editor");
    await editor.getByRole("tab", { name: /manifest\.yaml/ }).waitFor({ timeout: 30_000 });
    await page.locator(".monaco-editor").waitFor({ timeout: 30_000 });
    await editor.getByRole("button", { name: "적용" }).click();
    await expect
      .poll(() => terminalText(page), { timeout: 15_000 })
      .toContain(`pod/${pod} created`);

    step("applied from the editor");
    // The live picture: the pod appears on a worker and becomes Running; "왜 여기에?" explains it.
    await page.getByRole("tab", { name: "클러스터 그림" }).click();
    const podButton = page.locator(`[data-pod="${pod}"]`);
    await expect
      .poll(() => podButton.innerText().catch(() => ""), { timeout: 90_000 })
      .toContain("Running");
    await podButton.click();
    const panel = page.getByTestId("object-panel");
    await expect
      .poll(() => panel.innerText(), { timeout: 15_000 })
      .toMatch(/왜 여기에\?[\s\S]*★ 선택/);

    step("picture and 왜 여기에? shown");
    // The request trace of the latest command is drawn from the engine's trace.
    await page.getByRole("tab", { name: "요청 흐름" }).click();
    const traceSvg = page.getByTestId("request-trace").locator("svg");
    await traceSvg.first().waitFor({ timeout: 30_000 });
    expect(await traceSvg.first().textContent()).toContain("API 서버");

    // The last task: record the pod's resourceVersion in a ConfigMap (typed in the terminal).
    const { sandboxId } = await (
      await page.request.get(`${baseUrl}/api/labs/pod-journey/sandbox`)
    ).json();
    const rv = await page.request.post(`${baseUrl}/api/sandboxes/${sandboxId}/exec`, {
      headers: { origin: baseUrl },
      data: {
        command: `kubectl get pod ${pod} -n ${ns} -o jsonpath='{.metadata.resourceVersion}'`,
      },
    });
    const resourceVersion = ((await rv.json()) as { stdout: string }).stdout.trim();
    expect(resourceVersion).toMatch(/^\d+$/);
    await page.locator(".xterm").click();
    await page.keyboard.type(
      `kubectl create configmap journey -n ${ns} --from-literal=resourceVersion=${resourceVersion}`,
    );
    await page.keyboard.press("Enter");
    await expect
      .poll(() => terminalText(page), { timeout: 15_000 })
      .toContain("configmap/journey created");

    step("configmap created");
    // 채점: every check of every task passes.
    await page.getByRole("button", { name: "채점" }).click();
    const summary = page.getByTestId("grade-summary");
    await expect.poll(() => summary.innerText(), { timeout: 30_000 }).toMatch(/점수 (\d+)\/\1/);
    expect(await summary.innerText()).toContain("모든 과제를 통과했습니다");
    expect(await page.locator("[data-task] >> text=미통과").count()).toBe(0);
    await page.close();
  }, 240_000);
});
