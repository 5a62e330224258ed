// The labs API over Postgres: what a learner may see (no solutions, own params),
// hints one by one, one sandbox per (learner, lab) that only its owner uses, every
// attempt stored, and task passes that survive breaking or resetting the cluster.
import { describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/labs/route";
import { GET as viewRoute } from "@/app/api/labs/[labId]/route";
import { GET as sandboxRoute } from "@/app/api/labs/[labId]/sandbox/route";
import { POST as resetRoute } from "@/app/api/labs/[labId]/reset/route";
import { POST as hintsRoute } from "@/app/api/labs/[labId]/hints/route";
import { POST as controlRoute } from "@/app/api/labs/[labId]/control/route";
import { POST as exec } from "@/app/api/sandboxes/[id]/exec/route";
import { db } from "@/lib/db/client";
import type { PublicLabView } from "@/lib/labs/server";
import { runTerminalCommand } from "@/lib/terminal";
import { APP_ORIGIN, createUser, jsonRequest, sessionCookie } from "../auth-fixtures";
import { failures, labParams, learnerInLab } from "./lab-fixture";

const get = (path: string, cookie?: string) =>
  new Request(`${APP_ORIGIN}${path}`, { headers: cookie ? { cookie } : {} });

async function view(labId: string, cookie: string): Promise<PublicLabView> {
  const r = await viewRoute(get(`/api/labs/${labId}`, cookie), labParams(labId));
  expect(r.status).toBe(200);
  return (await r.json()) as PublicLabView;
}

describe("labs API", { timeout: 120_000 }, () => {
  it("needs a signed-in user and a known lab", async () => {
    expect((await viewRoute(get("/api/labs/pod-journey"), labParams("pod-journey"))).status).toBe(
      401,
    );
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    const r = await viewRoute(get("/api/labs/nope", cookie), labParams("nope"));
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe("unknown-lab");
    const list = (await (await listRoute(get("/api/labs", cookie))).json()) as {
      labs: { id: string; complete: boolean }[];
    };
    expect(list.labs.map((l) => l.id).sort()).toEqual([
      "auth-admission",
      "cluster-anatomy",
      "etcd-raft",
      "ha-design",
      "pod-journey",
      "scheduler",
      "self-healing",
      "watch-concurrency",
    ]);
    // The session's user is re-read on every request: a deleted user loses access at once.
    expect(
      (await viewRoute(get("/api/labs/pod-journey", cookie), labParams("pod-journey"))).status,
    ).toBe(200);
    await db().user.delete({ where: { id: user.id } });
    expect(
      (await viewRoute(get("/api/labs/pod-journey", cookie), labParams("pod-journey"))).status,
    ).toBe(401);
  });

  it("shows a learner their own parameters and no solutions or expected values", async () => {
    const a = await createUser("LEARNER");
    const b = await createUser("LEARNER");
    const va = await view("pod-journey", await sessionCookie(a.id));
    const vb = await view("pod-journey", await sessionCookie(b.id));
    const text = JSON.stringify(va);
    expect(text).not.toContain("{{");
    expect(text).not.toMatch(/"solution"|"fields"|"expected"|"equals"|"requests"/);
    const ns = (v: PublicLabView) => /journey-[a-z2-9]{4}/.exec(v.tasks[0]!.instructions)![0];
    expect(ns(va)).not.toBe(ns(vb));
    expect(ns(await view("pod-journey", await sessionCookie(a.id)))).toBe(ns(va));
    expect(va.tasks.map((t) => t.hints)).toEqual([[], [], []]);
    expect(va.tasks[0]!.checks[0]).toEqual({
      id: "pod-spec",
      description: expect.stringContaining(/web-[a-z2-9]{4}/.exec(text)![0]),
      points: 2,
    });
  });

  it("reveals hints one at a time and remembers them", async () => {
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    const hint = (taskId: string) =>
      hintsRoute(
        jsonRequest("/api/labs/pod-journey/hints", "POST", { taskId }, { cookie }),
        labParams("pod-journey"),
      );
    const first = (await (await hint("create-pod")).json()) as {
      hints: string[];
      remaining: number;
    };
    expect(first.hints).toHaveLength(1);
    expect(first.remaining).toBe(1);
    expect(((await (await hint("create-pod")).json()) as { hints: string[] }).hints).toHaveLength(
      2,
    );
    const over = await hint("create-pod");
    expect(over.status).toBe(409);
    expect((await hint("nope")).status).toBe(404);
    expect((await view("pod-journey", cookie)).tasks[0]!.hints).toEqual(
      first.hints.concat(expect.any(String)),
    );
  });

  it("gives each learner one lab sandbox that only they can use", async () => {
    const l = await learnerInLab("watch-concurrency");
    const again = await sandboxRoute(
      get("/api/labs/watch-concurrency/sandbox", l.cookie),
      labParams("watch-concurrency"),
    );
    expect(((await again.json()) as { sandboxId: string }).sandboxId).toBe(l.sandboxId);
    const other = await createUser("LEARNER");
    const res = await exec(
      jsonRequest(
        `/api/sandboxes/${l.sandboxId}/exec`,
        "POST",
        { command: "kubectl get ns" },
        { cookie: await sessionCookie(other.id) },
      ),
      { params: Promise.resolve({ id: l.sandboxId }) },
    );
    expect(res.status).toBe(404);
    // The lab sandbox is not the learner's free terminal sandbox.
    const row = await db().sandbox.findUnique({ where: { id: l.sandboxId } });
    expect(row?.labId).toBe("watch-concurrency");
  });

  it("stores every attempt; a passed task stays passed after the cluster is broken and reset", async () => {
    const l = await learnerInLab("watch-concurrency");
    await l.solveTask(0);
    const passed = await l.check();
    expect(passed.tasks.map((t) => [t.taskId, t.passed])).toEqual([
      ["resource-version", true],
      ["conflict", false],
    ]);
    const firstPassedAt = passed.tasks[0]!.firstPassedAt;
    expect(firstPassedAt).not.toBeNull();
    // Break it: the recorded value no longer matches.
    await runTerminalCommand(l.sandboxId, `kubectl delete configmap observed -n ${l.params.ns}`);
    const broken = await l.check();
    expect(failures(broken)).toContainEqual(
      expect.stringMatching(
        /^resource-version\/observed: configmaps "observed" .*찾을 수 없습니다/,
      ),
    );
    expect(broken.tasks[0]).toMatchObject({ passed: false, firstPassedAt });

    const reset = await resetRoute(
      jsonRequest("/api/labs/watch-concurrency/reset", "POST", {}, { cookie: l.cookie }),
      labParams("watch-concurrency"),
    );
    const { sandboxId } = (await reset.json()) as { sandboxId: string };
    expect(sandboxId).not.toBe(l.sandboxId);
    expect(await db().sandbox.findUnique({ where: { id: l.sandboxId } })).toBeNull();
    expect(await db().terminalCommand.count({ where: { sandboxId: l.sandboxId } })).toBe(0);
    const after = await l.check();
    expect(after.sandboxId).toBe(sandboxId);
    expect(after.tasks[0]).toMatchObject({ passed: false, firstPassedAt });
    expect((await view("watch-concurrency", l.cookie)).tasks[0]!.passed).toBe(true);

    const attempts = await db().labAttempt.findMany({
      where: { userId: l.user.id, labId: "watch-concurrency" },
      orderBy: { createdAt: "asc" },
    });
    expect(attempts).toHaveLength(3);
    expect(attempts.map((a) => a.score)).toEqual([passed.score, broken.score, after.score]);
    const results = attempts[0]!.results as { taskId: string; checkId: string; actual: unknown }[];
    expect(results[0]).toEqual({
      taskId: "resource-version",
      checkId: "observed",
      passed: true,
      points: 2,
      max: 2,
      feedback: [expect.stringMatching(/^data\.modRevision: "\d+" \(통과\)$/)],
      expected: { "data.modRevision": expect.any(String) },
      actual: { "data.modRevision": expect.any(String) },
    });
  });

  it("the control panel acts on the learner's lab sandbox and refuses bad targets", async () => {
    const l = await learnerInLab("etcd-raft");
    const control = (body: unknown) =>
      controlRoute(
        jsonRequest("/api/labs/etcd-raft/control", "POST", body, { cookie: l.cookie }),
        labParams("etcd-raft"),
      );
    const stop = await control({ action: "etcd-stop", target: "master2" });
    expect(await stop.json()).toEqual({
      sandboxId: l.sandboxId,
      message: "etcd 멤버 master2 중지",
    });
    const write = await runTerminalCommand(
      l.sandboxId,
      `kubectl create configmap x -n ${l.params.ns}`,
    );
    expect(write.stderr).toBe("error: failed to create configmap: etcdserver: request timed out\n");
    expect((await control({ action: "etcd-stop", target: "etcd9" })).status).toBe(404);
    expect((await control({ action: "fast-forward", seconds: -1 })).status).toBe(400);
    const ff = await control({ action: "fast-forward", seconds: 30 });
    expect(((await ff.json()) as { message: string }).message).toBe("가상 시간 30초 경과");
  });
});
