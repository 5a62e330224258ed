import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../testing";

vi.setConfig({ testTimeout: 30_000 });

const WARNING =
  "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n";

describe("kubectl delete grace periods", () => {
  it("--grace-period=0 --force warns and says force deleted; other periods do not", async () => {
    const { run } = labTerminal("delete-force");
    for (const n of ["a", "b", "c"]) await run(`kubectl run ${n} --image=nginx`);
    const forced = await run("kubectl delete pod a --grace-period=0 --force");
    expect(forced).toEqual({ stdout: 'pod "a" force deleted\n', stderr: WARNING, exitCode: 0 });
    // --force with a period is not immediate: no warning, plain "deleted".
    const graceful = await run("kubectl delete pod b --force --grace-period=5");
    expect(graceful).toEqual({ stdout: 'pod "b" deleted\n', stderr: "", exitCode: 0 });
    // --grace-period=0 without --force becomes 1s.
    const zero = await run("kubectl delete pod c --grace-period=0");
    expect(zero).toEqual({ stdout: 'pod "c" deleted\n', stderr: "", exitCode: 0 });
  });
});
