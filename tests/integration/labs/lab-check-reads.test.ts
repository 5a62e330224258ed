// What a 채점 reads (issue #11's load: 200 learners press it at the same minute):
// the request log only when a check of the lab looks at traces, and the sandbox
// lookup is not counted as a lab open. The grade is the one the full input gives.
import { describe, expect, it, vi } from "vitest";
import { dbCounters } from "@/lib/db/sandboxes/counters";
import { pool } from "@/lib/db/sandboxes/pool";
import { requireLab } from "@/lib/labs/catalog";
import { gradeLab } from "@/lib/labs/grade/grade-lab";
import { instantiateLab } from "@/lib/labs/load-labs";
import { checkLab, labSandbox } from "@/lib/labs/server";
import { needsTraces, readGradeInput } from "@/lib/labs/server/grade-input";
import { runTerminalCommand } from "@/lib/terminal";
import { createUser } from "../auth-fixtures";

/** The SQL texts `fn` sends on the sandboxes' pool. */
async function statementsOf(fn: () => Promise<unknown>): Promise<string[]> {
  const query = vi.spyOn(pool(), "query");
  try {
    await fn();
    return query.mock.calls.map((c) => String(c[0]));
  } finally {
    query.mockRestore();
  }
}

const readsLog = (texts: string[]) => texts.some((t) => t.includes(`FROM "SandboxLog"`));

describe("what a lab check reads", () => {
  it("a lab without trace checks grades without reading the request log, as with it", async () => {
    const labId = "cluster-anatomy";
    const user = await createUser("LEARNER");
    const { def, params } = instantiateLab(requireLab(labId), user.id);
    expect(needsTraces(def)).toBe(false);
    const id = await labSandbox(user.id, labId);
    // Writes that leave traces, one of them a check's object (its namespace).
    await runTerminalCommand(id, `kubectl create namespace ${params.ns}`);
    await runTerminalCommand(id, "kubectl create deployment web --image=nginx:1.25");
    const texts = await statementsOf(() => checkLab(user.id, labId));
    expect(readsLog(texts)).toBe(false);
    const outcome = await checkLab(user.id, labId);
    expect(outcome.results.find((r) => r.checkId === "namespace")?.passed).toBe(true);
    // The log holds the writes' traces: skipping it is a choice, not an empty log.
    const input = await readGradeInput(id, { traces: true });
    expect(input.traces.length).toBeGreaterThan(0);
    const full = gradeLab(def, input);
    expect(outcome.score).toBe(full.score);
    expect(outcome.results.map((r) => [r.checkId, r.passed, r.points])).toEqual(
      full.results.map((r) => [r.checkId, r.passed, r.points]),
    );
  });

  it("a lab with trace checks still reads them", async () => {
    const labId = "pod-journey";
    const user = await createUser("LEARNER");
    expect(needsTraces(instantiateLab(requireLab(labId), user.id).def)).toBe(true);
    await labSandbox(user.id, labId);
    const texts = await statementsOf(() => checkLab(user.id, labId));
    expect(readsLog(texts)).toBe(true);
  });

  it("counts the page's or API's open as a lab open, not a 채점's lookup", async () => {
    const labId = "cluster-anatomy";
    const user = await createUser("LEARNER");
    const before = { ...dbCounters() };
    await labSandbox(user.id, labId);
    await checkLab(user.id, labId);
    await checkLab(user.id, labId);
    expect(dbCounters().labOpens - before.labOpens).toBe(1);
    expect(dbCounters().labCreated - before.labCreated).toBe(1);
  });

  it("a 채점 before any open creates the sandbox (not counted as an open)", async () => {
    const labId = "cluster-anatomy";
    const user = await createUser("LEARNER");
    const before = { ...dbCounters() };
    const outcome = await checkLab(user.id, labId);
    expect(outcome.score).toBe(0);
    expect(await labSandbox(user.id, labId)).toBe(outcome.sandboxId);
    expect(dbCounters().labOpens - before.labOpens).toBe(1);
    expect(dbCounters().labCreated - before.labCreated).toBe(1);
  });
});
