import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../testing";

// Each test builds the lesson's cluster: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

// Texts captured from kubectl 1.28 (no server needed for these).
describe("kubectl's own usage and errors", () => {
  it("kubectl alone prints the command groups", async () => {
    const { run } = labTerminal("usage");
    const r = await run("kubectl");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^kubectl controls the Kubernetes cluster manager\.\n/);
    expect(r.stdout).toContain(
      "\nTroubleshooting and Debugging Commands:\n  describe        Show details of a specific resource or group of resources\n",
    );
    expect(r.stdout).toMatch(
      /Use "kubectl options" for a list of global command-line options \(applies to all commands\)\.\n$/,
    );
  });

  it("unknown commands get cobra's suggestions", async () => {
    const { run } = labTerminal("usage-suggest");
    expect(await run("kubectl foo")).toMatchObject({
      stderr: 'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n',
      exitCode: 1,
    });
    expect((await run("kubectl zzzzzz")).stderr).toBe(
      'error: unknown command "zzzzzz" for "kubectl"\n',
    );
  });

  it("unknown flags name the subcommand, as pflag does", async () => {
    const { run } = labTerminal("usage-flags");
    expect((await run("kubectl top nodes --bogus")).stderr).toBe(
      "error: unknown flag: --bogus\nSee 'kubectl top node --help' for usage.\n",
    );
    expect((await run("kubectl get nodes --bogus")).stderr).toBe(
      "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n",
    );
  });
});
