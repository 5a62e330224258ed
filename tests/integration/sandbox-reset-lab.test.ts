// The terminal's reset (POST /api/sandboxes/:id/reset) on a lab's sandbox puts
// the learner back at that lab's start, as the lab's own reset does, instead of
// swapping the lab for a free sandbox; another learner's sandbox stays out of reach.
import { describe, expect, it } from "vitest";
import { POST as exec } from "@/app/api/sandboxes/[id]/exec/route";
import { POST as reset } from "@/app/api/sandboxes/[id]/reset/route";
import { pool } from "@/lib/db/sandboxes/pool";
import { labSandbox } from "@/lib/labs/server";
import { userSandbox } from "@/lib/terminal";
import { createUser, jsonRequest, sessionCookie } from "./auth-fixtures";

const LAB = "pod-journey";
const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function learner() {
  const user = await createUser("LEARNER");
  const cookie = await sessionCookie(user.id);
  const run = async (id: string, command: string) => {
    const res = await exec(
      jsonRequest(`/api/sandboxes/${id}/exec`, "POST", { command }, { cookie }),
      params(id),
    );
    expect(res.status).toBe(200);
    return (await res.json()) as { stdout: string; stderr: string };
  };
  const resetOf = (id: string) =>
    reset(jsonRequest(`/api/sandboxes/${id}/reset`, "POST", {}, { cookie }), params(id));
  return { user, run, resetOf };
}

async function row(id: string) {
  const { rows } = await pool().query<{ ownerId: string; labId: string | null }>(
    `SELECT "ownerId", "labId" FROM "Sandbox" WHERE "id" = $1`,
    [id],
  );
  return rows[0];
}

describe("terminal reset of a lab sandbox", () => {
  it("rebuilds the lab's start for the same learner and lab", async () => {
    const { user, run, resetOf } = await learner();
    const id = await labSandbox(user.id, LAB);
    expect((await run(id, "kubectl create namespace scratch")).stdout).toBe(
      "namespace/scratch created\n",
    );

    const res = await resetOf(id);
    expect(res.status).toBe(200);
    const fresh = ((await res.json()) as { id: string }).id;
    expect(fresh).not.toBe(id);
    expect(await row(id)).toBeUndefined();
    expect(await row(fresh)).toEqual({ ownerId: user.id, labId: LAB });
    // The lab page finds the new sandbox as the lab's one.
    expect(await labSandbox(user.id, LAB)).toBe(fresh);
    expect((await run(fresh, "kubectl get namespace scratch")).stderr).toBe(
      'Error from server (NotFound): namespaces "scratch" not found\n',
    );
  }, 60_000);

  it("keeps the free sandbox free", async () => {
    const { user, resetOf } = await learner();
    const id = await userSandbox(user.id);
    const res = await resetOf(id);
    expect(res.status).toBe(200);
    const fresh = ((await res.json()) as { id: string }).id;
    expect(await row(fresh)).toEqual({ ownerId: user.id, labId: null });
  }, 60_000);

  it("answers 404 for another learner's lab sandbox and leaves it alone", async () => {
    const owner = await learner();
    const other = await learner();
    const id = await labSandbox(owner.user.id, LAB);
    const res = await other.resetOf(id);
    expect(res.status).toBe(404);
    expect(await row(id)).toEqual({ ownerId: owner.user.id, labId: LAB });
  }, 60_000);
});
