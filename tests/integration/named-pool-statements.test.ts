// The sandbox pool's per-request statements outside the terminal's requester query are
// named prepared statements (parsed and planned once per pooled connection, not on
// every call): the request user's row, authorizeSandbox's sandbox row, the history's
// read and append. Their answers are those of the unnamed statements they replace.
import { afterEach, describe, expect, it, vi } from "vitest";
import { getRequestUser } from "@/lib/auth/request-user";
import { isSessionRevoked, revokeSession } from "@/lib/auth/revoked-sessions";
import { db } from "@/lib/db/client";
import { authorizeSandbox } from "@/lib/terminal/sandbox-access";
import { appendHistory, readHistory } from "@/lib/terminal/history";
import { createUserSandbox, findUserSandbox } from "@/lib/terminal/user-sandbox";
import { APP_ORIGIN, createUser, sessionCookie } from "./auth-fixtures";
import { statementsOf } from "./pool-statements";

afterEach(() => vi.restoreAllMocks());

const named = (statements: string[]) => statements.map((s) => s.split(" ")[0]);

describe("named statements on the sandbox pool", () => {
  it("getRequestUser: one named statement; a deleted user still gets null at once", async () => {
    const user = await createUser("LEARNER");
    const request = new Request(`${APP_ORIGIN}/api/progress`, {
      headers: { cookie: await sessionCookie(user.id) },
    });
    await getRequestUser(db(), request); // the session subject is cached from here on
    let found: unknown;
    const sent = await statementsOf(async () => {
      found = await getRequestUser(db(), request);
    });
    expect(named(sent)).toEqual(["kubelab_request_user"]);
    expect(found).toEqual({ id: user.id, email: user.email, name: user.name, role: "LEARNER" });
    await db().user.delete({ where: { id: user.id } });
    await expect(getRequestUser(db(), request)).resolves.toBeNull();
  });

  it("authorizeSandbox and the history's read and append: named statements", async () => {
    const user = await createUser("LEARNER");
    const id = await createUserSandbox(user.id);
    const viewer = { id: user.id, email: user.email, name: user.name, role: user.role };
    const sent = await statementsOf(async () => {
      await expect(authorizeSandbox(viewer, id, "write")).resolves.toMatchObject({
        ownerId: user.id,
      });
      await appendHistory(id, "kubectl get pods", 0);
      await appendHistory(id, "kubectl get nodes", 0);
      await expect(readHistory(id)).resolves.toEqual(["kubectl get pods", "kubectl get nodes"]);
    });
    expect(named(sent)).toEqual([
      "kubelab_authorize_sandbox",
      "kubelab_append_history",
      "kubelab_append_history",
      "kubelab_read_history",
    ]);
  });

  it("isSessionRevoked and findUserSandbox: named statements, same answers", async () => {
    const user = await createUser("LEARNER");
    const id = await createUserSandbox(user.id);
    const sid = `sid-${id}`;
    const sent = await statementsOf(async () => {
      await expect(isSessionRevoked(sid)).resolves.toBe(false);
      await expect(findUserSandbox(user.id)).resolves.toBe(id);
    });
    expect(named(sent)).toEqual(["kubelab_session_revoked", "kubelab_find_user_sandbox"]);
    await revokeSession(sid);
    await expect(isSessionRevoked(sid)).resolves.toBe(true);
  });
});
