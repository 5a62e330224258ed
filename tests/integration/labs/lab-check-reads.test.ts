// What a 채점 reads (issue #11's load: 200 learners press it at the same minute):
// the request log only when a check of the lab looks at traces, and the sandbox
// lookup is not counted as a lab open. The grade is the one the full input gives.
// Through the route, the session's user row and the learner's lab sandbox are one query
// (lab-open.ts labRequester), the user row still re-read on every 채점.
import { describe, expect, it } from "vitest";
import { POST as checkRoute } from "@/app/api/labs/[labId]/check/route";
import { db } from "@/lib/db/client";
import { dbCounters } from "@/lib/db/sandboxes/counters";
import { requireLab } from "@/lib/labs/catalog";
import { gradeLab } from "@/lib/labs/grade/grade-lab";
import { instantiateLab } from "@/lib/labs/load-labs";
import { checkLab, labSandbox } from "@/lib/labs/server";
import { needsTraces, readGradeInput } from "@/lib/labs/server/grade-input";
import { runTerminalCommand } from "@/lib/terminal";
import { APP_ORIGIN, createUser, sessionCookie } from "../auth-fixtures";
import { labParams } from "./lab-fixture";
import { statementsOf } from "../pool-statements";

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

  it("through the route: the user and the lab sandbox in one statement, the user re-read each time", async () => {
    const labId = "cluster-anatomy";
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    const check = (c: string | undefined, lab = labId) =>
      checkRoute(
        new Request(`${APP_ORIGIN}/api/labs/${lab}/check`, {
          method: "POST",
          headers: { ...(c ? { cookie: c } : {}), origin: APP_ORIGIN },
          body: "{}",
        }),
        labParams(lab),
      );
    const first = await check(cookie); // creates the lab sandbox (and decodes the session)
    expect(first.status).toBe(200);
    const id = ((await first.json()) as { sandboxId: string }).sandboxId;
    await check(cookie); // its catch-up, if due, is not this count's business
    const texts = await statementsOf(async () => {
      const res = await check(cookie);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { sandboxId: string }).sandboxId).toBe(id);
    });
    // The user with the sandbox (one query: neither the user's own query nor the find),
    // the cached copy's version check, the stored attempt; a catch-up's write
    // (kubelab_write_request), when one is due, may come between.
    const own = texts.filter((t) => !t.startsWith("kubelab_write_request "));
    expect(own).toHaveLength(3);
    expect(own[0]).toMatch(/^kubelab_lab_open /);
    expect(own[1]).toContain(`SELECT "version" FROM "Sandbox"`);
    expect(own[2]).toContain(`INSERT INTO "LabAttempt"`);
    expect((await check(undefined)).status).toBe(401);
    expect((await check(cookie, "no-such-lab")).status).toBe(404);
    await db().user.delete({ where: { id: user.id } });
    expect((await check(cookie)).status).toBe(401);
  });
});
