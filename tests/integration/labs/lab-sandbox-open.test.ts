// Opening a lab's sandbox: a first open is two statements (find, then one
// insert-if-absent), a later open one; an insert for a learner who already holds the
// lab's sandbox writes nothing - no row, no error - and the open returns the existing one.
// Through the route (GET /api/labs/:labId/sandbox) the session's user row and the find are
// one query (lab-open.ts): a first open is two statements in all, a later one one, and the
// user row is still re-read on every open (deleted user, signed-out session: 401).
import { describe, expect, it, vi } from "vitest";
import { GET as openRoute } from "@/app/api/labs/[labId]/sandbox/route";
import { revokeSession } from "@/lib/auth/revoked-sessions";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/sandboxes/pool";
import { insertSandbox } from "@/lib/db/sandboxes/rows";
import { splitMeta } from "@/lib/db/sandboxes/meta-split";
import { labSandbox } from "@/lib/labs/server";
import { stateMeta } from "@/lib/sim";
import { logRows } from "@/lib/sim/store/types";
import { cachedEntry } from "@/lib/db/sandboxes/cache";
import { APP_ORIGIN, createUser, sessionCookie } from "../auth-fixtures";
import { labParams } from "./lab-fixture";

const LAB = "pod-journey";

async function countRows(table: "Sandbox" | "SandboxKv", column: string, value: string) {
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" = $1`,
    [value],
  );
  return rows[0]!.n;
}

describe("opening a lab sandbox", () => {
  it("takes two statements the first time and one afterwards", async () => {
    const user = await createUser("LEARNER");
    const query = vi.spyOn(pool(), "query");
    const id = await labSandbox(user.id, LAB);
    expect(query).toHaveBeenCalledTimes(2);
    query.mockClear();
    expect(await labSandbox(user.id, LAB)).toBe(id);
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();
  });

  it("does not insert a second sandbox of the same learner and lab", async () => {
    const user = await createUser("LEARNER");
    const id = await labSandbox(user.id, LAB);
    const copy = cachedEntry(id)!;
    const other = `other-${Math.random().toString(36).slice(2)}`;
    const inserted = await insertSandbox(
      pool(),
      other,
      user.id,
      splitMeta(stateMeta(copy.state)),
      logRows(copy.state.store.log),
      { labId: LAB, timeOffsetMs: "0" },
    );
    expect(inserted).toBe(false);
    expect(await countRows("Sandbox", "id", other)).toBe(0);
    expect(await countRows("SandboxKv", "sandboxId", other)).toBe(0);
    expect(await countRows("Sandbox", "ownerId", user.id)).toBe(1);
    expect(await labSandbox(user.id, LAB)).toBe(id);
  });
});

describe("GET /api/labs/:labId/sandbox", () => {
  const open = (cookie: string | undefined, labId = LAB) =>
    openRoute(
      new Request(`${APP_ORIGIN}/api/labs/${labId}/sandbox`, {
        headers: cookie ? { cookie } : {},
      }),
      labParams(labId),
    );
  const sandboxOf = async (res: Response) =>
    ((await res.json()) as { sandboxId: string }).sandboxId;

  it("reads the user and the learner's sandbox in one statement: two in all the first time, one afterwards", async () => {
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    // The session's subject is decoded (and kept) before the count starts.
    await open(cookie, "no-such-lab");
    const query = vi.spyOn(pool(), "query");
    const first = await open(cookie);
    expect(first.status).toBe(200);
    expect(query).toHaveBeenCalledTimes(2);
    query.mockClear();
    const again = await open(cookie);
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();
    const id = await sandboxOf(first);
    expect(await sandboxOf(again)).toBe(id);
    const row = await db().sandbox.findUniqueOrThrow({ where: { id } });
    expect([row.ownerId, row.labId]).toEqual([user.id, LAB]);
    // Another learner gets their own, never this one.
    const other = await createUser("LEARNER");
    const theirs = await sandboxOf(await open(await sessionCookie(other.id)));
    expect(theirs).not.toBe(id);
    expect((await db().sandbox.findUniqueOrThrow({ where: { id: theirs } })).ownerId).toBe(
      other.id,
    );
  });

  it("answers 401 without a session, for a signed-out session and once the user is gone; 404 for an unknown lab", async () => {
    expect((await open(undefined)).status).toBe(401);
    const user = await createUser("LEARNER");
    const sid = "lab-open-signed-out";
    const { encode } = await import("next-auth/jwt");
    const { TEST_SECRET } = await import("../auth-fixtures");
    const token = await encode({ token: { sub: user.id, sid }, secret: TEST_SECRET });
    const signedOut = `next-auth.session-token=${token}`;
    expect((await open(signedOut)).status).toBe(200);
    await revokeSession(sid);
    expect((await open(signedOut)).status).toBe(401);
    const cookie = await sessionCookie(user.id);
    const unknown = await open(cookie, "no-such-lab");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("unknown-lab");
    await db().user.delete({ where: { id: user.id } });
    expect((await open(cookie)).status).toBe(401);
    expect(await countRows("Sandbox", "ownerId", user.id)).toBe(0);
  });
});
