// The lab page's server render reads the session's user row with the learner's sandbox,
// task passes and hint reveals of the lab in one named query (lib/labs/server/lab-page.ts):
// the same answers as findLabSandbox, taskPasses and revealedHints, none of another
// learner's or another lab's, and no row (the page's sign-in redirect) at once after
// sign-out or deletion.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { revokeSession } from "@/lib/auth/revoked-sessions";
import { db } from "@/lib/db/client";
import { findLabSandbox, labSandbox, revealedHints, taskPasses } from "@/lib/labs/server";
import { labPageRows } from "@/lib/labs/server/lab-page";
import { createUser, TEST_SECRET } from "./auth-fixtures";
import { statementsOf } from "./pool-statements";

const LAB = "cluster-anatomy";

async function signedIn() {
  const user = await createUser("LEARNER");
  const sid = randomUUID();
  const token = await encode({ token: { sub: user.id, sid }, secret: TEST_SECRET });
  const headers = new Headers({ cookie: `next-auth.session-token=${token}` });
  return { user, sid, request: { headers } };
}

describe("the lab page's rows", () => {
  it("are the user's sandbox, passes and hints of the lab, in one statement", async () => {
    const { user, sid, request } = await signedIn();
    const empty = await labPageRows(request, LAB);
    expect(empty).toEqual({
      userId: user.id,
      sandboxId: null,
      passes: new Map(),
      hints: new Map(),
    });

    const sandboxId = await labSandbox(user.id, LAB);
    const other = await createUser("LEARNER");
    const at = new Date("2026-11-28T01:02:03.456Z");
    await db().labTaskPass.createMany({
      data: [
        { userId: user.id, labId: LAB, taskId: "t1", firstPassedAt: at, attemptId: "a" },
        { userId: user.id, labId: "other-lab", taskId: "t2", attemptId: "a" },
        { userId: other.id, labId: LAB, taskId: "t3", attemptId: "a" },
      ],
    });
    await db().labHintReveal.createMany({
      data: [
        { userId: user.id, labId: LAB, taskId: "t1", revealed: 2 },
        { userId: other.id, labId: LAB, taskId: "t1", revealed: 1 },
      ],
    });
    let rows: Awaited<ReturnType<typeof labPageRows>> = null;
    const sent = await statementsOf(async () => {
      rows = await labPageRows(request, LAB);
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^kubelab_lab_page /);
    expect(rows).toEqual({
      userId: user.id,
      sandboxId,
      passes: await taskPasses(user.id, LAB),
      hints: await revealedHints(user.id, LAB),
    });
    expect(rows!.passes.get("t1")!.toISOString()).toBe(at.toISOString());
    expect(rows!.sandboxId).toBe(await findLabSandbox(user.id, LAB));

    await revokeSession(sid);
    expect(await labPageRows(request, LAB)).toBeNull();
    const again = await signedIn();
    expect(await labPageRows(again.request, LAB)).not.toBeNull();
    await db().user.delete({ where: { id: again.user.id } });
    expect(await labPageRows(again.request, LAB)).toBeNull();
    expect(await labPageRows({ headers: new Headers() }, LAB)).toBeNull();
  }, 60_000);
});
