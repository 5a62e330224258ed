// The load benchmark's learner script, two sessions in a row on one persisted lab
// sandbox (as the soak runs them), through the terminal's real path: every
// command gives its 1.28 answer, also after the process cache is dropped.
import { describe, expect, it } from "vitest";
import { deploymentsCreated, SCRIPT, unexpectedResult } from "@/bench/load/learner";
import { forget } from "@/lib/db/sandboxes/cache";
import { labSandbox } from "@/lib/labs/server";
import { runTerminalCommand } from "@/lib/terminal";
import { createUser } from "./auth-fixtures";

describe("bench learner sessions on a persisted lab sandbox", () => {
  it("two sessions with their clean-up answer as expected", async () => {
    const user = await createUser("LEARNER");
    const id = await labSandbox(user.id, "cluster-anatomy");
    const wrong: string[] = [];
    for (let session = 0; session < 2; session++) {
      for (let i = 0; i < 30; i++) {
        const step = SCRIPT[i % SCRIPT.length]!;
        const line = step.command(Math.floor(i / SCRIPT.length));
        const r = await runTerminalCommand(id, line);
        const why = unexpectedResult(step, 200, JSON.stringify(r));
        if (why) wrong.push(`${session}/${i} ${line}: ${why}`);
        // Every fifth command from a cold load, as on another instance.
        if (i % 5 === 4) forget(id);
      }
      const clean = await runTerminalCommand(
        id,
        `kubectl delete deployment ${deploymentsCreated(30).join(" ")}`,
      );
      if (clean.exitCode !== 0) wrong.push(`clean-up: ${clean.stderr}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
