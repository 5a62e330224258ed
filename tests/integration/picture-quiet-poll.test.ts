// The cluster picture's poll over a real Postgres sandbox (lib/workspace/quiet-view.ts): a
// poll whose catch-up changed nothing the picture shows writes nothing and answers the stored
// state; the catch-up it ran is kept and written by the next command. A poll at a moment when
// only the leaders' Lease renewals are due runs no catch-up at all (lib/sim/renewals-only.ts):
// the sandbox then evolves as when every poll wrote, but for those renewals. Twin sandboxes
// (same seed, same virtual moments) compare the two ways: X polls through the picture, Y catches
// up and persists at each poll as the picture did before (sandboxEnv().state()).
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as getPicture } from "@/app/api/sandboxes/[id]/picture/route";
import { readAuditLog } from "@/lib/db/sandboxes";
import { cachedEntry, forget } from "@/lib/db/sandboxes/cache";
import { pendingCatchUp } from "@/lib/db/sandboxes/pending-catch-up";
import { pool } from "@/lib/db/sandboxes/pool";
import { runTerminalCommand } from "@/lib/terminal";
import { sandboxEnv } from "@/lib/terminal/db-env";
import { createUserSandbox } from "@/lib/terminal/user-sandbox";
import {
  buildClusterPicture,
  type ClusterPictureData,
} from "@/lib/workspace/picture/build-picture";
import { objectDetail } from "@/lib/workspace/picture/object-detail";
import { sandboxObject, sandboxPicture } from "@/lib/workspace/sandbox-views";
import { APP_ORIGIN, createUser, sessionCookie } from "./auth-fixtures";
import { sandboxVersion } from "./sandbox-fixtures";

afterEach(() => vi.restoreAllMocks());

/** Date.now under the test's control: both twins see the same virtual moments. */
function clockAt(t0: number) {
  let now = t0;
  vi.spyOn(Date, "now").mockImplementation(() => now);
  return {
    advance: (ms: number) => {
      now += ms;
    },
  };
}

async function twins(seed: string): Promise<[string, string]> {
  const user = await createUser("LEARNER");
  const x = await createUserSandbox(user.id, seed);
  const y = await createUserSandbox(user.id, seed);
  return [x, y];
}

async function storedRevision(id: string): Promise<number> {
  const { rows } = await pool().query<{ r: number }>(
    `SELECT max("revision")::int AS r FROM "SandboxKv" WHERE "sandboxId" = $1`,
    [id],
  );
  return rows[0]!.r;
}

async function storedRows(id: string): Promise<string[]> {
  const { rows } = await pool().query<{ revision: number; key: string }>(
    `SELECT "revision"::int AS revision, "key" FROM "SandboxKv" WHERE "sandboxId" = $1 ORDER BY "revision"`,
    [id],
  );
  return rows.map((r) => `${r.revision} ${r.key}`);
}

const LEADER_LEASES = /^\/registry\/leases\/kube-system\/kube-(scheduler|controller-manager)$/;

/** The stored rows' keys in order, the leaders' Lease renewals left out. */
async function storedKeysButLeaders(id: string): Promise<string[]> {
  return (await storedRows(id))
    .map((r) => r.slice(r.indexOf(" ") + 1))
    .filter((k) => !LEADER_LEASES.test(k));
}

/** The audit log as a learner could read it (verbs, objects, times, answers), the leaders' renewals left out. */
async function auditButLeaders(id: string): Promise<string[]> {
  const log = await readAuditLog(id, { limit: 100_000 });
  const leader = (o: { resource?: string; namespace?: string; name?: string } | undefined) =>
    o?.resource === "leases" &&
    o.namespace === "kube-system" &&
    (o.name === "kube-scheduler" || o.name === "kube-controller-manager");
  return log
    .filter((l) => !leader(l.event.objectRef))
    .map((l) =>
      JSON.stringify([
        l.event.verb,
        l.event.objectRef,
        l.event.requestReceivedTimestamp,
        l.event.responseStatus,
      ]),
    );
}

const shown = ({ revision: _r, time: _t, ...rest }: ClusterPictureData) => JSON.stringify(rest);

describe("the cluster picture's poll", () => {
  it("writes nothing while only Leases renew, skips the catch-up while only the leaders' are due, and the next command catches up", async () => {
    const clock = clockAt(Date.now() + 60_000);
    const [x, y] = await twins("quiet-poll");
    for (const id of [x, y]) await runTerminalCommand(id, "kubectl create configmap c1");
    const version = await sandboxVersion(x);
    const revision = await storedRevision(x);
    let quiet = 0;
    let skipped = 0;
    const drawings = new Set<ClusterPictureData>();
    for (const step of [3_000, 3_000, 2_500, 3_000]) {
      clock.advance(step);
      const stored = cachedEntry(x)!.state;
      const caughtUp = pendingCatchUp(stored)?.state;
      const px = await sandboxPicture(x, await sandboxVersion(x));
      const py = buildClusterPicture(await sandboxEnv(y).state());
      // Y's catch-up renewed the leaders' Leases (written); X showed the stored state.
      expect(await storedRevision(y)).toBeGreaterThan(revision);
      expect(px.revision).toBe(await storedRevision(x));
      expect(shown(px)).toBe(shown(py));
      if ((await sandboxVersion(x)) === version) quiet++;
      drawings.add(px);
      // No loop but the leader elections was due: no catch-up ran, none was kept.
      if (cachedEntry(x)!.state === stored && pendingCatchUp(stored)?.state === caughtUp) {
        skipped++;
      }
    }
    expect(quiet).toBe(4);
    expect(skipped).toBeGreaterThan(0);
    // One stored state, drawn once: every quiet poll answered that drawing.
    expect(drawings.size).toBe(1);
    expect(await storedRevision(x)).toBe(revision);

    // The next command catches up from there and writes it with its own: the same cluster as
    // Y's, but for the leaders' renewals the skipped polls left out.
    clock.advance(1_500);
    const [ox, oy] = [
      await runTerminalCommand(x, "kubectl get pods,nodes,leases -A"),
      await runTerminalCommand(y, "kubectl get pods,nodes,leases -A"),
    ];
    expect(ox.stdout).toContain("kube-scheduler");
    expect(ox).toEqual(oy);
    expect(await storedKeysButLeaders(x)).toEqual(await storedKeysButLeaders(y));
    expect(await auditButLeaders(x)).toEqual(await auditButLeaders(y));
    expect(await sandboxVersion(x)).toBe(version + 1);
  });

  it("writes the catch-up first when the wait changed what the picture shows", async () => {
    const clock = clockAt(Date.now() + 60_000);
    const [x, y] = await twins("pods-start");
    for (const id of [x, y]) {
      await runTerminalCommand(id, "kubectl create deployment web --image=nginx:1.25 --replicas=2");
    }
    let quiet = 0;
    let written = 0;
    let before = buildClusterPicture(await sandboxEnv(x).state());
    for (let i = 0; i < 8; i++) {
      clock.advance(1_500);
      const version = await sandboxVersion(x);
      const px = await sandboxPicture(x, version);
      const py = buildClusterPicture(await sandboxEnv(y).state());
      expect(shown(px)).toBe(shown(py));
      expect(px.revision).toBe(await storedRevision(x));
      if (shown(px) === shown(before)) {
        expect(await sandboxVersion(x)).toBe(version);
        quiet++;
      } else {
        // Pods moved (ContainerCreating → Running): stored before shown.
        expect(await sandboxVersion(x)).toBe(version + 1);
        written++;
      }
      before = px;
    }
    expect(quiet).toBeGreaterThan(0);
    expect(written).toBeGreaterThan(0);
    expect(before.nodes.flatMap((n) => n.pods).filter((p) => p.name.startsWith("web-"))).toEqual([
      expect.objectContaining({ status: "Running" }),
      expect.objectContaining({ status: "Running" }),
    ]);
    clock.advance(1_000);
    const [ox, oy] = [
      await runTerminalCommand(x, "kubectl describe pods -l app=web"),
      await runTerminalCommand(y, "kubectl describe pods -l app=web"),
    ];
    expect(ox).toEqual(oy);
    expect(await storedKeysButLeaders(x)).toEqual(await storedKeysButLeaders(y));
  });

  it("a stream's step (sandboxEnv) after a quiet poll goes on from its catch-up too", async () => {
    const clock = clockAt(Date.now() + 60_000);
    const [x, y] = await twins("stream-step");
    for (const id of [x, y]) await runTerminalCommand(id, "kubectl create configmap c1");
    const version = await sandboxVersion(x);
    clock.advance(3_000);
    await sandboxPicture(x, version);
    await sandboxEnv(y).state();
    expect(await sandboxVersion(x)).toBe(version);
    clock.advance(1_200);
    const [sx, sy] = [await sandboxEnv(x).state(), await sandboxEnv(y).state()];
    expect(shown(buildClusterPicture(sx))).toBe(shown(buildClusterPicture(sy)));
    expect(await storedKeysButLeaders(x)).toEqual(await storedKeysButLeaders(y));
    expect(await auditButLeaders(x)).toEqual(await auditButLeaders(y));
  });

  it("an object's detail polls alike: the stored object, nothing written, the same as a written catch-up", async () => {
    const clock = clockAt(Date.now() + 60_000);
    const [x, y] = await twins("detail");
    for (const id of [x, y]) await runTerminalCommand(id, "kubectl create configmap c1");
    const version = await sandboxVersion(x);
    clock.advance(3_000);
    const dx = await sandboxObject(x, version, "nodes", "worker1");
    const dy = objectDetail(await sandboxEnv(y).state(), "nodes", "worker1");
    expect(dx).toEqual(dy);
    expect(await sandboxVersion(x)).toBe(version);
    clock.advance(1_500);
    const [ox, oy] = [
      await runTerminalCommand(x, "kubectl get nodes worker1 -o yaml"),
      await runTerminalCommand(y, "kubectl get nodes worker1 -o yaml"),
    ];
    expect(ox).toEqual(oy);
  });

  it("another instance's write drops the unwritten catch-up; the next picture shows the new stored state", async () => {
    const clock = clockAt(Date.now() + 60_000);
    const [x] = await twins("other-instance");
    await runTerminalCommand(x, "kubectl create configmap c1");
    clock.advance(3_000);
    const shownBefore = await sandboxPicture(x, await sandboxVersion(x));
    const version = await sandboxVersion(x);
    // Another instance holds no copy (and none of this one's unwritten catch-up): it
    // catches up from the stored state and writes.
    forget(x);
    clock.advance(1_500);
    await runTerminalCommand(x, "kubectl create configmap c2");
    expect(await sandboxVersion(x)).toBe(version + 1);
    // This instance's picture: the authorization read the new version, the copy is refreshed.
    clock.advance(500);
    const after = await sandboxPicture(x, await sandboxVersion(x));
    expect(after.revision).toBe(await storedRevision(x));
    expect(after.revision).toBeGreaterThan(shownBefore.revision);
  });

  it("the route answers a quiet poll with its authorization query alone", async () => {
    const clock = clockAt(Date.now() + 60_000);
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    const id = await createUserSandbox(user.id, "route");
    await runTerminalCommand(id, "kubectl create configmap c1");
    const get = () =>
      getPicture(
        new Request(`${APP_ORIGIN}/api/sandboxes/${id}/picture`, { headers: { cookie } }),
        { params: Promise.resolve({ id }) },
      );
    expect((await get()).status).toBe(200); // decodes the cookie once
    clock.advance(3_000);
    const version = await sandboxVersion(id);
    const query = vi.spyOn(pool(), "query");
    let texts: string[];
    let body: ClusterPictureData;
    try {
      const res = await get();
      expect(res.status).toBe(200);
      body = (await res.json()) as ClusterPictureData;
      texts = query.mock.calls.map((c) =>
        typeof c[0] === "string" ? c[0] : (c[0] as { text: string }).text,
      );
    } finally {
      query.mockRestore();
    }
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain(`FROM "User" u LEFT JOIN "Sandbox" s`);
    expect(await sandboxVersion(id)).toBe(version);
    expect(body.revision).toBe(await storedRevision(id));
  });
});
