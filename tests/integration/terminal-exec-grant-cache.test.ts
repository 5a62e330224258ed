// The exec route's cached owner grant (lib/terminal/sandbox-grant-cache.ts): after
// one fully authorized command, the next costs ONE statement - the command's own,
// which re-checks that the sandbox is still the user's and the user still exists.
// When that check fails, nothing is written or answered from the command: the request
// is authorized afresh and gets the full path's 401/404.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as getSandbox } from "@/app/api/sandboxes/route";
import { POST as exec } from "@/app/api/sandboxes/[id]/exec/route";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/sandboxes/pool";
import { readHistory } from "@/lib/terminal";
import { clearSandboxGrants, GRANT_TTL_MS } from "@/lib/terminal/sandbox-grant-cache";
import { APP_ORIGIN, createUser, jsonRequest, sessionCookie } from "./auth-fixtures";

const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function learner() {
  const user = await createUser("LEARNER");
  const cookie = await sessionCookie(user.id);
  const r = await getSandbox(new Request(`${APP_ORIGIN}/api/sandboxes`, { headers: { cookie } }));
  const { id } = (await r.json()) as { id: string };
  const post = (body: unknown, sandboxId = id) =>
    exec(
      jsonRequest(`/api/sandboxes/${sandboxId}/exec`, "POST", body, { cookie }),
      params(sandboxId),
    );
  const run = (command: string, sandboxId = id) => post({ command }, sandboxId);
  return { user, id, run, post };
}

const sandboxVersion = async (id: string) =>
  (await db().sandbox.findUniqueOrThrow({ where: { id } })).version;

beforeEach(() => clearSandboxGrants());
afterEach(() => vi.restoreAllMocks());

describe("exec route on a cached owner grant", () => {
  it("answers the owner's next commands with one statement each", async () => {
    const { id, run } = await learner();
    expect((await run("kubectl get nodes")).status).toBe(200); // full path: grant kept
    const query = vi.spyOn(pool(), "query");
    const write = await run("kubectl create configmap cached-one");
    expect(write.status).toBe(200);
    expect(await write.json()).toMatchObject({ stdout: "configmap/cached-one created\n" });
    expect(query).toHaveBeenCalledTimes(1);
    query.mockClear();
    // Right after a write nothing catches up: a read records only its (guarded) history row.
    const read = await run("kubectl get configmap cached-one");
    expect(read.status).toBe(200);
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();
    expect((await readHistory(id)).slice(-2)).toEqual([
      "kubectl create configmap cached-one",
      "kubectl get configmap cached-one",
    ]);
  });

  it("renews the grant on each use: a learner at work keeps one statement per command", async () => {
    const { run } = await learner();
    const start = Date.now();
    const clock = vi.spyOn(Date, "now");
    clock.mockReturnValue(start);
    expect((await run("kubectl get nodes")).status).toBe(200); // full path: grant kept
    const query = vi.spyOn(pool(), "query");
    // Each command comes within the grant's lifetime of the previous one, but the last
    // comes well past the lifetime of the first grant.
    for (const step of [0.8, 1.6, 2.4]) {
      clock.mockReturnValue(start + step * GRANT_TTL_MS);
      query.mockClear();
      expect((await run("kubectl get configmaps")).status).toBe(200);
      expect(query).toHaveBeenCalledTimes(1);
    }
    // Unused past its lifetime, the grant is gone: the full path's query comes first.
    clock.mockReturnValue(start + 3.5 * GRANT_TTL_MS);
    query.mockClear();
    expect((await run("kubectl get configmaps")).status).toBe(200);
    expect(query).toHaveBeenCalledTimes(2);
  });

  it("refuses a write once the sandbox is another user's (404), writing nothing", async () => {
    const a = await learner();
    const b = await learner();
    expect((await a.run("kubectl get nodes")).status).toBe(200);
    await db().sandbox.update({ where: { id: a.id }, data: { ownerId: b.user.id } });
    const version = await sandboxVersion(a.id);
    const history = await readHistory(a.id);
    const res = await a.run("kubectl create configmap not-yours");
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).not.toContain("not-yours");
    expect(await sandboxVersion(a.id)).toBe(version);
    expect(await readHistory(a.id)).toEqual(history);
    // The new owner is unaffected and sees no such configmap.
    const own = await b.run("kubectl get configmap not-yours", a.id);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ exitCode: 1 });
  });

  it("refuses a read and a command that never touches the cluster, recording no history", async () => {
    const a = await learner();
    const b = await learner();
    expect((await a.run("kubectl create configmap mine")).status).toBe(200);
    await db().sandbox.update({ where: { id: a.id }, data: { ownerId: b.user.id } });
    const history = await readHistory(a.id);
    // A read right after the write changes nothing: only the guarded history insert.
    const read = await a.run("kubectl get configmap mine -o yaml");
    expect(read.status).toBe(404);
    expect(JSON.stringify(await read.json())).not.toContain("mine");
    // `history` prints the sandbox's commands: they must not reach the old owner.
    await db().sandbox.update({ where: { id: a.id }, data: { ownerId: a.user.id } });
    expect((await a.run("kubectl get nodes")).status).toBe(200);
    await db().sandbox.update({ where: { id: a.id }, data: { ownerId: b.user.id } });
    const before = await readHistory(a.id);
    const hist = await a.run("history");
    expect(hist.status).toBe(404);
    expect(JSON.stringify(await hist.json())).not.toContain("kubectl");
    expect(await readHistory(a.id)).toEqual(before);
    expect(history.length).toBeLessThan(before.length); // only the owner's own command was added
  });

  it("gives a deleted user 401 at once, before a bad body's 400", async () => {
    const a = await learner();
    const b = await learner();
    expect((await a.run("kubectl get nodes")).status).toBe(200);
    expect((await b.run("kubectl get nodes")).status).toBe(200);
    await db().user.delete({ where: { id: a.user.id } }); // its sandbox goes with it
    expect((await a.run("kubectl get ns")).status).toBe(401);
    await db().user.delete({ where: { id: b.user.id } });
    expect((await b.post({ command: 42 })).status).toBe(401);
  });

  it("still answers a bad body 400 for the owner on a cached grant", async () => {
    const a = await learner();
    expect((await a.run("kubectl get nodes")).status).toBe(200);
    expect((await a.post({ command: 42 })).status).toBe(400);
    expect((await a.run("kubectl get nodes")).status).toBe(200);
  });
});
