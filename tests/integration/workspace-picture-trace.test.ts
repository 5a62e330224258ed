// The lab page's read views over a real Postgres sandbox: the cluster picture, an
// object's detail with the scheduler's reasons, and the latest command's trace as a
// sequence diagram — each only for the sandbox's owner.
import { describe, expect, it, vi } from "vitest";
import { GET as getSandbox } from "@/app/api/sandboxes/route";
import { POST as exec } from "@/app/api/sandboxes/[id]/exec/route";
import { GET as picture } from "@/app/api/sandboxes/[id]/picture/route";
import { GET as trace } from "@/app/api/sandboxes/[id]/trace/route";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/sandboxes/pool";
import { APP_ORIGIN, createUser, jsonRequest, sessionCookie } from "./auth-fixtures";

const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function signedIn() {
  const user = await createUser("LEARNER");
  const cookie = await sessionCookie(user.id);
  const r = await getSandbox(new Request(`${APP_ORIGIN}/api/sandboxes`, { headers: { cookie } }));
  const { id } = (await r.json()) as { id: string };
  const run = async (command: string, stdin?: string) => {
    const res = await exec(
      jsonRequest(
        `/api/sandboxes/${id}/exec`,
        "POST",
        { command, ...(stdin ? { stdin } : {}) },
        { cookie },
      ),
      params(id),
    );
    return (await res.json()) as { stdout: string; stderr: string; exitCode: number };
  };
  const get = (route: typeof picture, path: string, who = cookie) =>
    route(
      new Request(`${APP_ORIGIN}/api/sandboxes/${id}/${path}`, { headers: { cookie: who } }),
      params(id),
    );
  return { id, cookie, run, get };
}

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: ssd
spec:
  nodeSelector:
    disk: ssd
  containers:
  - name: web
    image: nginx
`;

describe("picture and trace routes", () => {
  it("draw the learner's cluster and explain a Pending pod", async () => {
    const { run, get } = await signedIn();
    const applied = await run("kubectl apply -f -", pod);
    expect(applied).toMatchObject({ stdout: "pod/ssd created\n", exitCode: 0 });

    const pic = await (await get(picture, "picture")).json();
    expect(pic.nodes.map((n: { name: string }) => n.name)).toEqual([
      "master1",
      "worker1",
      "worker2",
    ]);
    expect(pic.unscheduled).toEqual([expect.objectContaining({ name: "ssd", status: "Pending" })]);
    expect(pic.schedulers).toEqual([expect.objectContaining({ node: "master1", leader: true })]);

    const detail = await (
      await get(picture, "picture?kind=pods&namespace=default&name=ssd")
    ).json();
    expect(detail.yaml).toContain("  nodeSelector:\n    disk: ssd\n");
    expect(detail.whyHere.message).toMatch(/^0\/3 nodes are available: /);
    expect(detail.events.map((e: { reason: string }) => e.reason)).toContain("FailedScheduling");

    const missing = await get(picture, "picture?kind=pods&namespace=default&name=nope");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toBe("nope: 이 오브젝트가 더 이상 없습니다.");
    expect((await get(picture, "picture?kind=secrets&name=x")).status).toBe(400);
  });

  it("shows the latest command's journey, newest first", async () => {
    const { run, get } = await signedIn();
    await run("kubectl create namespace demo");
    await run("kubectl get nodes");
    const { commands } = await (await get(trace, "trace")).json();
    expect(commands[0].label).toBe("list /api/v1/nodes");
    expect(commands[1].label).toBe("create /api/v1/namespaces");
    expect(commands[1].diagram).toContain("participant U as kubectl");
    expect(commands[1].diagram).toMatch(
      /A->>E: txn: create \/registry\/namespaces\/demo \(rev \d+\)/,
    );
    expect(commands[1].steps[0]).toMatchObject({ from: "U", to: "A", ok: true });
  });

  it("never shows one learner's sandbox to another", async () => {
    const owner = await signedIn();
    const other = await createUser("LEARNER");
    const otherCookie = await sessionCookie(other.id);
    expect((await owner.get(picture, "picture", otherCookie)).status).toBe(404);
    expect((await owner.get(trace, "trace", otherCookie)).status).toBe(404);
    expect((await owner.get(picture, "picture", "")).status).toBe(401);
  });

  it("the picture's poll reads the user's row with the sandbox row, never alone", async () => {
    const owner = await signedIn();
    expect((await owner.get(picture, "picture")).status).toBe(200);
    const query = vi.spyOn(pool(), "query");
    try {
      expect((await owner.get(picture, "picture")).status).toBe(200);
      const texts = query.mock.calls.map((c) =>
        typeof c[0] === "string" ? c[0] : (c[0] as { text: string }).text,
      );
      expect(texts[0]).toContain(`FROM "User" u LEFT JOIN "Sandbox" s`);
      // Neither requireRequestUser's query nor authorizeSandbox's.
      expect(texts.some((t) => t.startsWith(`SELECT "id", "email"`))).toBe(false);
      expect(texts.some((t) => t.startsWith(`SELECT "ownerId", "labId", "version"`))).toBe(false);
    } finally {
      query.mockRestore();
    }
    const user = await db().sandbox.findUniqueOrThrow({ where: { id: owner.id } });
    await db().user.delete({ where: { id: user.ownerId! } });
    expect((await owner.get(picture, "picture")).status).toBe(401);
  });

  it("the trace reads the user's row with the sandbox row, then the log: two statements", async () => {
    const owner = await signedIn();
    await owner.run("kubectl create namespace traced");
    expect((await owner.get(trace, "trace")).status).toBe(200); // decodes the cookie once
    const query = vi.spyOn(pool(), "query");
    let texts: string[];
    try {
      const res = await owner.get(trace, "trace");
      expect(res.status).toBe(200);
      const { commands } = await res.json();
      expect(commands[0].label).toBe("create /api/v1/namespaces");
      texts = query.mock.calls.map((c) =>
        typeof c[0] === "string" ? c[0] : (c[0] as { text: string }).text,
      );
    } finally {
      query.mockRestore();
    }
    // Nothing through Prisma either: the sandbox's logSeq came with the user's row.
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain(`FROM "User" u LEFT JOIN "Sandbox" s`);
    expect(texts[1]).toContain(`FROM "SandboxLog"`);
    expect(
      (await owner.get(trace, "trace", await sessionCookie((await createUser("LEARNER")).id)))
        .status,
    ).toBe(404);
    const user = await db().sandbox.findUniqueOrThrow({ where: { id: owner.id } });
    await db().user.delete({ where: { id: user.ownerId! } });
    expect((await owner.get(trace, "trace")).status).toBe(401);
  });
});
