import { describe, expect, it } from "vitest";
import { labTerminal } from "../testing";

// Texts measured with kubectl 1.28 (tests/conformance/golden-create-generators.test.ts
// compares them with the real binary).
describe("kubectl create: each generator's own flags and cobra's unknown command", () => {
  it("rejects a flag another generator has", async () => {
    const { run } = labTerminal("create-flags");
    expect((await run("kubectl create namespace x --image=y")).stderr).toBe(
      "error: unknown flag: --image\nSee 'kubectl create namespace --help' for usage.\n",
    );
    expect((await run("kubectl create pdb p --image=y")).stderr).toBe(
      "error: unknown flag: --image\nSee 'kubectl create poddisruptionbudget --help' for usage.\n",
    );
    expect((await run("kubectl create token default --dry-run=client")).stderr).toBe(
      "error: unknown flag: --dry-run\nSee 'kubectl create token --help' for usage.\n",
    );
  });

  it("answers an unknown generator and a bare create as cobra does", async () => {
    const { run } = labTerminal("create-unknown");
    const bogus = await run("kubectl create bogus x");
    expect(bogus).toMatchObject({
      exitCode: 1,
      stderr:
        "Error: must specify one of -f and -k\n\nerror: unknown command \"bogus x\"\nSee 'kubectl create -h' for help and examples\n",
    });
    const bare = await run("kubectl create");
    expect(bare.exitCode).toBe(1);
    expect(bare.stderr).toMatch(
      /^Error: must specify one of -f and -k\n\nCreate a resource from a file or from stdin\./,
    );
    expect(bare.stderr).toContain("  token                 Request a service account token\n");
  });

  it("says exactly one NAME is required", async () => {
    const { run } = labTerminal("create-name");
    expect((await run("kubectl create serviceaccount a b")).stderr).toBe(
      "error: exactly one NAME is required, got 2\nSee 'kubectl create serviceaccount -h' for help and examples\n",
    );
  });
});

describe("kubectl create deployment: container names as kubectl derives them", () => {
  it("keeps the image's last path element, and uniquifies names it had to sanitize", async () => {
    const { run } = labTerminal("create-names");
    const r = await run(
      "kubectl create deployment d --image=registry:5000/team/my_app:1.0 --image=nginx@sha256:ab --dry-run=client -o jsonpath={.spec.template.spec.containers[*].name}",
    );
    expect(r.stdout).toMatch(/^my-app-[bcdfghjklmnpqrstvwxz2456789]{5} nginx$/);
  });
});
