// Mass creation past a sandbox's object quota, through the Kubernetes API over
// real HTTPS (a separate API process) and through the terminal's exec API: the
// first create over the quota gets kube-apiserver's 403 Forbidden Status (with
// the Korean reason) and the terminal prints it as kubectl does; the sandbox
// stays usable (get and delete work, and after a delete a create fits again);
// another sandbox is unaffected. The quota is lowered for this sandbox (it is
// part of the sandbox's stored limits) so the test needs a few creates, not 2,000.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as exec } from "@/app/api/sandboxes/[id]/exec/route";
import { issueKubeToken } from "@/lib/db/kube-tokens";
import { splitMeta } from "@/lib/db/sandboxes/meta-split";
import { pool } from "@/lib/db/sandboxes/pool";
import { insertSandbox } from "@/lib/db/sandboxes/rows";
import { stateMeta } from "@/lib/sim";
import { createClusterSandbox } from "@/lib/sim/cluster/default-cluster";
import { DEFAULT_LIMITS } from "@/lib/sim/state";
import { userSandbox } from "@/lib/terminal";
import { createUser, jsonRequest, sessionCookie } from "../auth-fixtures";
import { startApiInstances, type ApiInstances } from "../support/api-instances";

const ROOM = 6;
const CM = "/api/v1/namespaces/default/configmaps";

let api: ApiInstances;
let sandboxId = "";
let limit = 0;
let cookie = "";
let otherId = "";
let otherCookie = "";

/** A learner's free sandbox whose object quota leaves room for ROOM more objects. */
async function sandboxWithRoom(ownerId: string): Promise<{ id: string; limit: number }> {
  const sb = createClusterSandbox({ seed: randomBytes(8).toString("hex"), now: Date.now() });
  const limit = sb.state.store.live.size + ROOM;
  const state = { ...sb.state, limits: { ...sb.state.limits, maxObjects: limit } };
  const id = randomBytes(12).toString("base64url");
  await insertSandbox(pool(), id, ownerId, splitMeta(stateMeta(state)), sb.changes.appended);
  return { id, limit };
}

const run = async (id: string, c: string, command: string) => {
  const res = await exec(
    jsonRequest(`/api/sandboxes/${id}/exec`, "POST", { command }, { cookie: c }),
    { params: Promise.resolve({ id }) },
  );
  expect(res.status).toBe(200);
  return (await res.json()) as { stdout: string; stderr: string; exitCode: number };
};

const quotaMessage = (name: string) =>
  `configmaps "${name}" is forbidden: 이 샌드박스에는 객체를 ${limit}개까지만 저장할 수 있습니다. 쓰지 않는 객체를 지운 뒤 다시 시도하세요`;

beforeAll(async () => {
  const user = await createUser("LEARNER");
  cookie = await sessionCookie(user.id);
  ({ id: sandboxId, limit } = await sandboxWithRoom(user.id));
  const other = await createUser("LEARNER");
  otherCookie = await sessionCookie(other.id);
  otherId = await userSandbox(other.id);
  const { token } = await issueKubeToken(sandboxId);
  api = await startApiInstances(1, { databaseUrl: process.env.DATABASE_URL!, sandboxId, token });
}, 120_000);

afterAll(async () => {
  await api?.stopAll();
});

describe("object quota, end to end", () => {
  it("keeps the default quota at 2,000 objects per sandbox", () => {
    expect(DEFAULT_LIMITS.maxObjects).toBe(2000);
  });

  it("answers the first create over the quota with a Forbidden Status, and later ones too", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < ROOM + 4; i++) {
      const res = await api.call(0, "POST", CM, {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: `mass-${i}` },
      });
      statuses.push(res.status);
      if (res.status === 403) {
        expect(res.json()).toEqual({
          kind: "Status",
          apiVersion: "v1",
          metadata: {},
          status: "Failure",
          message: quotaMessage(`mass-${i}`),
          reason: "Forbidden",
          details: { name: `mass-${i}`, kind: "configmaps" },
          code: 403,
        });
      }
    }
    const created = statuses.filter((s) => s === 201).length;
    // Only creates: the quota leaves exactly ROOM, unless the cluster's own loops
    // used some of it meanwhile; never more, and the rest are all refused.
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThanOrEqual(ROOM);
    expect(statuses).toEqual([
      ...Array<number>(created).fill(201),
      ...Array<number>(ROOM + 4 - created).fill(403),
    ]);
  }, 60_000);

  it("prints kubectl's Forbidden error in the terminal, with the Korean reason", async () => {
    // `create namespace` prints the server's error as kubectl does (checked against kubectl 1.32).
    const ns = await run(sandboxId, cookie, "kubectl create namespace from-terminal");
    expect(ns.stdout).toBe("");
    expect(ns.stderr).toBe(
      `Error from server (Forbidden): ${quotaMessage("from-terminal").replace("configmaps", "namespaces")}\n`,
    );
    expect(ns.exitCode).toBe(1);
    // Real kubectl prefixes "error: failed to create configmap: " here; the terminal's
    // wording of that prefix is the terminal's concern, the quota message is ours.
    const cm = await run(sandboxId, cookie, "kubectl create configmap from-terminal");
    expect(cm.stderr).toContain(quotaMessage("from-terminal"));
    expect(cm.exitCode).toBe(1);
  });

  it("stays usable: reads and deletes work, and a delete makes room for a create", async () => {
    const list = await api.call(0, "GET", CM);
    expect(list.status).toBe(200);
    const names = list
      .json<{ items: { metadata: { name: string } }[] }>()
      .items.map((c) => c.metadata.name);
    expect(names).toContain("mass-0");
    expect((await run(sandboxId, cookie, "kubectl get configmap mass-0 -o name")).stdout).toBe(
      "configmap/mass-0\n",
    );
    expect((await api.call(0, "DELETE", `${CM}/mass-0`)).status).toBe(200);
    expect((await run(sandboxId, cookie, "kubectl create configmap again")).stdout).toBe(
      "configmap/again created\n",
    );
    // Full again.
    const over = await api.call(0, "POST", CM, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "one-too-many" },
    });
    expect(over.status).toBe(403);
    // Updates of existing objects are not creates: they still work at the quota.
    const patched = await api.call(
      0,
      "PATCH",
      `${CM}/again`,
      { data: { k: "v" } },
      "application/merge-patch+json",
    );
    expect(patched.status).toBe(200);
  }, 60_000);

  it("leaves another learner's sandbox free to create", async () => {
    const r = await run(otherId, otherCookie, "kubectl create configmap neighbour");
    expect(r.stdout).toBe("configmap/neighbour created\n");
  });
});
