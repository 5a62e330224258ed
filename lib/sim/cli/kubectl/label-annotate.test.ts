import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../testing";

vi.setConfig({ testTimeout: 30_000 });

describe("kubectl label / annotate result words", () => {
  it("labeled, not labeled, unlabeled and the missing key's note, as kubectl's label.go", async () => {
    const { run } = labTerminal("label-words");
    await run("kubectl create deployment web --image=nginx");
    expect((await run("kubectl label deploy web tier=x")).stdout).toBe(
      "deployment.apps/web labeled\n",
    );
    // The same value again changes nothing.
    expect((await run("kubectl label deploy web tier=x")).stdout).toBe(
      "deployment.apps/web not labeled\n",
    );
    expect((await run("kubectl label deploy web tier=yy --overwrite")).stdout).toBe(
      "deployment.apps/web labeled\n",
    );
    expect((await run("kubectl label deploy web tier-")).stdout).toBe(
      "deployment.apps/web unlabeled\n",
    );
    expect((await run("kubectl label deploy web tier-")).stdout).toBe(
      'label "tier" not found.\ndeployment.apps/web not labeled\n',
    );
    // annotate has one word, and no note for a missing key.
    expect((await run("kubectl annotate deploy web note-")).stdout).toBe(
      "deployment.apps/web annotated\n",
    );
  });
});
