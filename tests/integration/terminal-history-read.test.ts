// The terminal's GET history (read once per lab page open) is ONE statement on the
// sandbox pool: the history rides on the authorization query (requireSandboxRequester's
// `history`), and Prisma's client is not used - its first query in a worker compiled the
// read for hundreds of ms under load (bench:load's paced phase, history p99 624 ms). The
// rows are answered only to whom the read is allowed.
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as getSandbox } from "@/app/api/sandboxes/route";
import { GET as history } from "@/app/api/sandboxes/[id]/history/route";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/sandboxes/pool";
import { readHistory } from "@/lib/terminal";
import { HISTORY_LIMIT } from "@/lib/terminal/history";
import { APP_ORIGIN, createUser, sessionCookie } from "./auth-fixtures";

const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function learner() {
  const user = await createUser("LEARNER");
  const cookie = await sessionCookie(user.id);
  const r = await getSandbox(new Request(`${APP_ORIGIN}/api/sandboxes`, { headers: { cookie } }));
  const { id } = (await r.json()) as { id: string };
  const get = (sandboxId = id) =>
    history(
      new Request(`${APP_ORIGIN}/api/sandboxes/${sandboxId}/history`, { headers: { cookie } }),
      params(sandboxId),
    );
  return { user, id, get };
}

/** `n` history rows straight in the table (seq 1..n), as commands would leave them. */
async function fill(sandboxId: string, n: number) {
  await pool().query(
    `INSERT INTO "TerminalCommand" ("sandboxId", "seq", "command", "exitCode")
     SELECT $1, g, 'command ' || g, 0 FROM generate_series(1, $2::int) g`,
    [sandboxId, n],
  );
}

afterEach(() => vi.restoreAllMocks());

describe("GET history", () => {
  it("answers the last HISTORY_LIMIT commands, oldest first, in one query without Prisma", async () => {
    const { id, get } = await learner();
    await fill(id, HISTORY_LIMIT + 5);
    await get(); // the session subject is cached from here on: only the route's own queries count
    const query = vi.spyOn(pool(), "query");
    const res = await get();
    expect(res.status).toBe(200);
    const { history: lines } = (await res.json()) as { history: string[] };
    expect(lines).toHaveLength(HISTORY_LIMIT);
    expect(lines[0]).toBe("command 6");
    expect(lines.at(-1)).toBe(`command ${HISTORY_LIMIT + 5}`);
    expect(lines).toEqual(await readHistory(id));
    // The route's one statement (history with the authorization), then readHistory's: a
    // route that read the history apart (Prisma's client or a second pool query) fails here.
    expect(query).toHaveBeenCalledTimes(2);
    // Named: Postgres parses and plans it once per connection, not on every open.
    expect(query.mock.calls[0]![0]).toMatchObject({ name: "kubelab_sandbox_requester_history" });
  });

  it("answers an empty history as []", async () => {
    const { get } = await learner();
    expect(await (await get()).json()).toEqual({ history: [] });
  });

  it("never answers another learner's rows: 404 for theirs and for none, 401 once deleted", async () => {
    const a = await learner();
    const b = await learner();
    await fill(a.id, 3);
    const foreign = await b.get(a.id);
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).not.toContain("command 1");
    expect((await b.get("no-such-sandbox")).status).toBe(404);
    await db().sandbox.deleteMany({ where: { ownerId: b.user.id } });
    await db().user.delete({ where: { id: b.user.id } });
    expect((await b.get(a.id)).status).toBe(401);
  });
});
