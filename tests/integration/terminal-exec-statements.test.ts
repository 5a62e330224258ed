// The terminal's exec route costs two statements per command on its full path: the
// user and the sandbox row in one query (requireSandboxRequester), then the command's
// single write with its history row; a deleted user or another learner is refused at
// once. (With the instance's cached owner grant the first is skipped and the write
// re-checks the owner: terminal-exec-grant-cache.test.ts.)
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as getSandbox } from "@/app/api/sandboxes/route";
import { POST as exec } from "@/app/api/sandboxes/[id]/exec/route";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/sandboxes/pool";
import { readHistory } from "@/lib/terminal";
import { clearSandboxGrants } from "@/lib/terminal/sandbox-grant-cache";
import { APP_ORIGIN, createUser, jsonRequest, sessionCookie } from "./auth-fixtures";

const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function learner() {
  const user = await createUser("LEARNER");
  const cookie = await sessionCookie(user.id);
  const r = await getSandbox(new Request(`${APP_ORIGIN}/api/sandboxes`, { headers: { cookie } }));
  const { id } = (await r.json()) as { id: string };
  const run = (command: string, sandboxId = id) =>
    exec(
      jsonRequest(`/api/sandboxes/${sandboxId}/exec`, "POST", { command }, { cookie }),
      params(sandboxId),
    );
  return { user, id, run };
}

afterEach(() => vi.restoreAllMocks());

describe("exec route statements", () => {
  it("answers a command with one authorization query and one write", async () => {
    const { id, run } = await learner();
    expect((await run("kubectl get nodes")).status).toBe(200); // the copy is warm
    clearSandboxGrants(); // the full path
    const query = vi.spyOn(pool(), "query");
    const res = await run("kubectl create configmap one-write");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      stdout: "configmap/one-write created\n",
      exitCode: 0,
    });
    expect(query).toHaveBeenCalledTimes(2);
    query.mockRestore();
    expect((await readHistory(id)).at(-1)).toBe("kubectl create configmap one-write");
  });

  it("refuses a deleted user (401) and another learner's sandbox (404) on the same query", async () => {
    const a = await learner();
    const b = await learner();
    expect((await b.run("kubectl get ns", a.id)).status).toBe(404);
    expect((await b.run("kubectl get ns", "no-such-sandbox")).status).toBe(404);
    await db().sandbox.deleteMany({ where: { ownerId: a.user.id } });
    await db().user.delete({ where: { id: a.user.id } });
    expect((await a.run("kubectl get ns")).status).toBe(401);
  });
});
