// The lab editor in a real browser: Monaco loads offline (no CDN), the YAML worker
// runs with the workspace schema, and a schema error shows as a marker — the
// lesson's kubeadm example with its invalid `metadata` block, opened through the
// lesson's "에디터에서 열기" link. Also: a lesson command link types the command
// into the terminal without running it.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser";
import { baseUrl, createLearner, openAs, terminalText } from "./lab-helpers";

let browser: Browser;
let user: { id: string; email: string };

beforeAll(async () => {
  browser = await launchBrowser();
  user = await createLearner();
});

afterAll(async () => {
  await browser?.close();
});

const lessonYaml = `apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
metadata:
  name: ha-cluster
kubernetesVersion: v1.28.0
controlPlaneEndpoint: "k8s-api.example.com:6443"
`;

describe("lab editor", () => {
  it("opens a lesson's kubeadm YAML in a new file and marks the schema error", async () => {
    const requests: string[] = [];
    const page = await openAs(
      browser,
      user,
      `/labs/ha-design?file=${encodeURIComponent(lessonYaml)}`,
    );
    page.on("request", (r) => requests.push(r.url()));
    const editor = page.getByTestId("workspace-editor");
    await editor.getByRole("tab", { name: /kubeadm-config\.yaml/ }).waitFor({ timeout: 30_000 });
    await page.locator(".monaco-editor").waitFor({ timeout: 30_000 });
    const problems = page.getByTestId("editor-problems");
    await expect.poll(() => problems.getAttribute("data-count"), { timeout: 30_000 }).not.toBe("0");
    expect(await problems.innerText()).toMatch(/3번 줄: Property metadata is not allowed/);
    // The marker is drawn in the editor too (a squiggle decoration on the line).
    expect(await page.locator('.monaco-editor [class*="squiggly-"]').count()).toBeGreaterThan(0);
    // The draft was saved for this learner.
    const saved = await page.request.get(`${baseUrl}/api/workspace/ha-design`);
    expect((await saved.json()).files).toEqual([
      expect.objectContaining({ path: "kubeadm-config.yaml", content: lessonYaml }),
    ]);
    // Offline: nothing but our own origin was asked for.
    expect(
      requests.filter(
        (u) => !u.startsWith(baseUrl) && !u.startsWith("blob:") && !u.startsWith("data:"),
      ),
    ).toEqual([]);

    // Fixing the file clears the marker.
    await page.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(lessonYaml.replace("metadata:\n  name: ha-cluster\n", ""));
    await expect.poll(() => problems.getAttribute("data-count"), { timeout: 20_000 }).toBe("0");
    await page.close();
  });

  it("types a lesson command into the terminal without running it", async () => {
    const page = await openAs(
      browser,
      user,
      `/labs/cluster-anatomy?cmd=${encodeURIComponent("kubectl get nodes -o wide")}`,
    );
    await page.locator(".xterm-rows").waitFor({ timeout: 30_000 });
    await expect
      .poll(() => terminalText(page), { timeout: 20_000 })
      .toContain("kubectl get nodes -o wide");
    await new Promise((r) => setTimeout(r, 1000));
    expect(await terminalText(page)).not.toMatch(/INTERNAL-IP/);
    // Enter runs it.
    await page.locator(".xterm").click();
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(/INTERNAL-IP/);
    await page.close();
  });
});
