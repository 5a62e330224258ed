// Signing out ends the session everywhere at once (lib/auth/revoked-sessions.ts): next-auth's
// JWT sessions are stateless, so without the revoked id a copied cookie kept working until
// it expired, a week later. Every check of a session's user row refuses a signed-out id:
// the API routes' user read, the terminal's requester query, and the owner guard a cached
// exec grant relies on (one statement, no user read of its own).
import { encode, type JWT } from "next-auth/jwt";
import { randomUUID } from "node:crypto";
import type { Account, User } from "next-auth";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as getSandbox } from "@/app/api/sandboxes/route";
import { POST as exec } from "@/app/api/sandboxes/[id]/exec/route";
import { authOptions } from "@/lib/auth/auth-options";
import { getRequestUser } from "@/lib/auth/request-user";
import { isSessionRevoked, revokeSession, SESSION_MAX_AGE_S } from "@/lib/auth/revoked-sessions";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/sandboxes/pool";
import { readHistory } from "@/lib/terminal";
import { clearSandboxGrants } from "@/lib/terminal/sandbox-grant-cache";
import { APP_ORIGIN, createUser, jsonRequest, TEST_SECRET } from "./auth-fixtures";

const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function signedIn(userId: string) {
  const sid = randomUUID();
  const token = await encode({ token: { sub: userId, sid }, secret: TEST_SECRET });
  return { sid, cookie: `next-auth.session-token=${token}` };
}

const runAs = (cookie: string, id: string, command: string) =>
  exec(jsonRequest(`/api/sandboxes/${id}/exec`, "POST", { command }, { cookie }), params(id));

const jwt = (token: JWT, user?: User) =>
  authOptions.callbacks!.jwt!({
    token,
    user: user as User,
    account: (user ? { type: "credentials" } : null) as Account | null,
  });

beforeEach(() => clearSandboxGrants());

describe("sign-out", () => {
  it("refuses a signed-out cookie on the exec route's cached grant, writing nothing", async () => {
    const user = await createUser("LEARNER");
    const kept = await signedIn(user.id);
    const copied = await signedIn(user.id);
    const r = await getSandbox(
      new Request(`${APP_ORIGIN}/api/sandboxes`, { headers: { cookie: copied.cookie } }),
    );
    const { id } = (await r.json()) as { id: string };
    // Two commands: the second runs on the instance's cached grant and its owner guard.
    expect((await runAs(copied.cookie, id, "kubectl get nodes")).status).toBe(200);
    expect((await runAs(copied.cookie, id, "kubectl create configmap before")).status).toBe(200);
    const version = (await db().sandbox.findUniqueOrThrow({ where: { id } })).version;

    await revokeSession(copied.sid);

    const refused = await runAs(copied.cookie, id, "kubectl create configmap after");
    expect(refused.status).toBe(401);
    expect((await db().sandbox.findUniqueOrThrow({ where: { id } })).version).toBe(version);
    expect(await readHistory(id)).not.toContain("kubectl create configmap after");
    // The user's other session (another browser) is not signed out.
    const other = await runAs(kept.cookie, id, "kubectl get configmap before");
    expect(other.status).toBe(200);
  });

  it("refuses a signed-out cookie on every route that reads the session's user", async () => {
    const user = await createUser("LEARNER");
    const { sid, cookie } = await signedIn(user.id);
    const request = () => new Request(`${APP_ORIGIN}/api/sandboxes`, { headers: { cookie } });
    expect((await getRequestUser(db(), request()))?.id).toBe(user.id);
    expect((await getSandbox(request())).status).toBe(200);
    await revokeSession(sid);
    expect(await getRequestUser(db(), request())).toBeNull();
    expect((await getSandbox(request())).status).toBe(401);
  });

  it("gives each sign-in its own session id, and drops the session of a revoked one (pages)", async () => {
    const user = await createUser("LEARNER");
    const asUser = { id: user.id, email: user.email, name: user.name } as User;
    const first = await jwt({}, asUser);
    const second = await jwt({}, asUser);
    expect(first.sub).toBe(user.id);
    expect(typeof first.sid).toBe("string");
    expect(second.sid).not.toBe(first.sid);
    // A later read of the same session keeps its id.
    expect((await jwt(first)).sid).toBe(first.sid);
    await authOptions.events!.signOut!({ token: first, session: null as never });
    expect(await isSessionRevoked(first.sid!)).toBe(true);
    expect((await jwt(first)).sub).toBeUndefined();
    expect((await jwt(second)).sub).toBe(user.id);
    // A token without a session id (minted before they existed) is no session.
    expect((await jwt({ sub: user.id })).sub).toBeUndefined();
  });

  it("forgets revoked ids once no token could carry them", async () => {
    const old = randomUUID();
    const week = SESSION_MAX_AGE_S * 1000;
    await revokeSession(old, new Date(Date.now() - week - 60_000));
    expect(await isSessionRevoked(old)).toBe(true);
    const fresh = randomUUID();
    await revokeSession(fresh);
    expect(await isSessionRevoked(old)).toBe(false);
    expect(await isSessionRevoked(fresh)).toBe(true);
    const { rows } = await pool().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "RevokedSession" WHERE "expiresAt" < now()`,
    );
    expect(rows[0]?.n).toBe(0);
  });
});
