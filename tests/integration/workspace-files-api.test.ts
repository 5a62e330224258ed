// Workspace files (lab editor drafts) through the real route handlers against
// PostgreSQL: per-user isolation, create/overwrite/delete, limits and Korean errors.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/workspace/[workspace]/route";
import { DELETE, PUT } from "@/app/api/workspace/[workspace]/[file]/route";
import { revokeSession } from "@/lib/auth/revoked-sessions";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/sandboxes/pool";
import { listWorkspaceFiles, MAX_FILES_PER_WORKSPACE, saveWorkspaceFile } from "@/lib/workspace";
import { APP_ORIGIN, createUser, jsonRequest, sessionCookie, TEST_SECRET } from "./auth-fixtures";

const list = (workspace: string, cookie?: string) =>
  GET(
    new Request(`${APP_ORIGIN}/api/workspace/${workspace}`, { headers: cookie ? { cookie } : {} }),
    {
      params: Promise.resolve({ workspace }),
    },
  );

const put = (workspace: string, file: string, body: unknown, cookie?: string) =>
  PUT(
    jsonRequest(
      `/api/workspace/${workspace}/${encodeURIComponent(file)}`,
      "PUT",
      body,
      cookie ? { cookie } : {},
    ),
    { params: Promise.resolve({ workspace, file: encodeURIComponent(file) }) },
  );

const del = (workspace: string, file: string, cookie?: string) =>
  DELETE(
    jsonRequest(`/api/workspace/${workspace}/${file}`, "DELETE", "", cookie ? { cookie } : {}),
    {
      params: Promise.resolve({ workspace, file }),
    },
  );

describe("workspace files API", () => {
  it("reads the user's row and the files in one statement; 401 at once after sign-out or deletion", async () => {
    const user = await createUser("LEARNER");
    const sid = randomUUID();
    const token = await encode({ token: { sub: user.id, sid }, secret: TEST_SECRET });
    const cookie = `next-auth.session-token=${token}`;
    await saveWorkspaceFile(user.id, "ha-design", "z.yaml", "kind: Z\n");
    await saveWorkspaceFile(user.id, "ha-design", "B.yaml", "kind: B\n");
    await saveWorkspaceFile(user.id, "sandbox", "other.yaml", "kind: O\n");
    expect((await list("ha-design", cookie)).status).toBe(200); // decodes the cookie once
    const query = vi.spyOn(pool(), "query");
    let body: unknown;
    try {
      const res = await list("ha-design", cookie);
      expect(res.status).toBe(200);
      body = await res.json();
      expect(query).toHaveBeenCalledTimes(1);
      expect((query.mock.calls[0]![0] as unknown as { name: string }).name).toBe(
        "kubelab_workspace_files",
      );
    } finally {
      query.mockRestore();
    }
    // What the Prisma read gives, as JSON (bytewise order, the same timestamps).
    const expected = await listWorkspaceFiles(user.id, "ha-design");
    expect(body).toEqual(JSON.parse(JSON.stringify({ files: expected })));
    expect(expected.map((f) => f.path)).toEqual(["B.yaml", "z.yaml"]);
    // The session's checks first, then the workspace id's.
    expect((await list("-bad", cookie)).status).toBe(400);
    expect((await list("-bad")).status).toBe(401);
    await revokeSession(sid);
    expect((await list("ha-design", cookie)).status).toBe(401);
    const again = await sessionCookie(user.id);
    expect((await list("ha-design", again)).status).toBe(200);
    await db().user.delete({ where: { id: user.id } });
    expect((await list("ha-design", again)).status).toBe(401);
  });

  it("an autosave overwrites in one statement with the user's row; 401 at once after sign-out or deletion", async () => {
    const user = await createUser("LEARNER");
    const sid = randomUUID();
    const token = await encode({ token: { sub: user.id, sid }, secret: TEST_SECRET });
    const cookie = `next-auth.session-token=${token}`;
    expect((await put("ha-design", "web.yaml", { content: "kind: A\n" }, cookie)).status).toBe(200);
    const query = vi.spyOn(pool(), "query");
    let body: unknown;
    try {
      const res = await put("ha-design", "web.yaml", { content: "kind: B\n" }, cookie);
      expect(res.status).toBe(200);
      body = await res.json();
      expect(query).toHaveBeenCalledTimes(1);
      expect((query.mock.calls[0]![0] as unknown as { name: string }).name).toBe(
        "kubelab_workspace_save",
      );
    } finally {
      query.mockRestore();
    }
    // What Prisma reads back, as JSON (the same timestamp, to the millisecond).
    const [stored] = await listWorkspaceFiles(user.id, "ha-design");
    expect(stored).toMatchObject({ path: "web.yaml", content: "kind: B\n" });
    expect(body).toEqual(JSON.parse(JSON.stringify(stored)));
    expect(Math.abs(stored!.updatedAt.getTime() - Date.now())).toBeLessThan(60_000);
    // The session's checks before the body's and the name's, as before; none writes.
    expect((await put("ha-design", "web.yaml", "{", cookie)).status).toBe(400);
    expect((await put("-bad", "web.yaml", { content: "x" }, cookie)).status).toBe(400);
    expect((await put("ha-design", ".env", { content: "x" }, cookie)).status).toBe(400);
    for (const [workspace, file, content] of [
      ["ha-design", "web.yaml", { content: "kind: C\n" }],
      ["ha-design", "web.yaml", "{"],
      ["-bad", "web.yaml", { content: "x" }],
      ["ha-design", ".env", { content: "x" }],
    ] as const) {
      expect((await put(workspace, file, content)).status).toBe(401);
    }
    await revokeSession(sid);
    expect((await put("ha-design", "web.yaml", { content: "kind: C\n" }, cookie)).status).toBe(401);
    const again = await sessionCookie(user.id);
    const crossSite = await PUT(
      jsonRequest(
        "/api/workspace/ha-design/web.yaml",
        "PUT",
        { content: "kind: C\n" },
        { cookie: again, origin: "https://evil.example" },
      ),
      { params: Promise.resolve({ workspace: "ha-design", file: "web.yaml" }) },
    );
    expect(crossSite.status).toBe(403);
    expect((await listWorkspaceFiles(user.id, "ha-design"))[0]!.content).toBe("kind: B\n");
    // Another learner's autosave of the same name writes their own file, never this one.
    const other = await createUser("LEARNER");
    const otherCookie = await sessionCookie(other.id);
    expect((await put("ha-design", "web.yaml", { content: "x" }, otherCookie)).status).toBe(200);
    expect((await listWorkspaceFiles(user.id, "ha-design"))[0]!.content).toBe("kind: B\n");
    await db().user.delete({ where: { id: user.id } });
    expect((await put("ha-design", "web.yaml", { content: "kind: C\n" }, again)).status).toBe(401);
  });

  it("requires a signed-in user", async () => {
    expect((await list("sandbox")).status).toBe(401);
    expect((await put("sandbox", "a.yaml", { content: "x" })).status).toBe(401);
  });

  it("saves, overwrites, lists sorted and deletes a user's files", async () => {
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    expect(await (await list("ha-design", cookie)).json()).toEqual({ files: [] });

    expect((await put("ha-design", "kubeadm.yaml", { content: "kind: A\n" }, cookie)).status).toBe(
      200,
    );
    expect(
      (await put("ha-design", "./b-pod.yaml", { content: "kind: Pod\n" }, cookie)).status,
    ).toBe(200);
    const saved = await put("ha-design", "kubeadm.yaml", { content: "kind: B\n" }, cookie);
    expect(await saved.json()).toMatchObject({ path: "kubeadm.yaml", content: "kind: B\n" });

    const files = (await (await list("ha-design", cookie)).json()).files;
    expect(files.map((f: { path: string; content: string }) => [f.path, f.content])).toEqual([
      ["b-pod.yaml", "kind: Pod\n"],
      ["kubeadm.yaml", "kind: B\n"],
    ]);
    // Another workspace of the same user is separate.
    expect((await (await list("sandbox", cookie)).json()).files).toEqual([]);

    expect((await del("ha-design", "b-pod.yaml", cookie)).status).toBe(204);
    const gone = await del("ha-design", "b-pod.yaml", cookie);
    expect(gone.status).toBe(404);
    expect((await gone.json()).error.message).toBe('파일 "b-pod.yaml"이(가) 없습니다.');
  });

  it("never shows or deletes another learner's files", async () => {
    const owner = await createUser("LEARNER");
    const other = await createUser("LEARNER");
    await saveWorkspaceFile(owner.id, "sandbox", "secret.yaml", "data");
    const otherCookie = await sessionCookie(other.id);
    expect((await (await list("sandbox", otherCookie)).json()).files).toEqual([]);
    expect((await del("sandbox", "secret.yaml", otherCookie)).status).toBe(404);
    const ownerFiles = (await (await list("sandbox", await sessionCookie(owner.id))).json()).files;
    expect(ownerFiles).toHaveLength(1);
  });

  it("refuses bad names, oversized content and too many files in Korean", async () => {
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    const bad = await put("sandbox", "../etc/passwd", { content: "x" }, cookie);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/폴더는 만들 수 없습니다/);

    const big = await put("sandbox", "big.yaml", { content: "a".repeat(64 * 1024 + 1) }, cookie);
    expect(big.status).toBe(413);
    expect((await big.json()).error.message).toMatch(/파일이 너무 큽니다/);

    // Concurrent creations cannot pass the count limit together.
    await Promise.all(
      Array.from({ length: MAX_FILES_PER_WORKSPACE + 5 }, (_, i) =>
        saveWorkspaceFile(user.id, "sandbox", `f${i}.yaml`, "x").catch(() => null),
      ),
    );
    const files = (await (await list("sandbox", cookie)).json()).files;
    expect(files).toHaveLength(MAX_FILES_PER_WORKSPACE);
    const over = await put("sandbox", "one-more.yaml", { content: "x" }, cookie);
    expect(over.status).toBe(409);
    expect((await over.json()).error.message).toMatch(/최대 20개/);
    // Overwriting an existing file is still allowed at the limit.
    expect((await put("sandbox", "f0.yaml", { content: "y" }, cookie)).status).toBe(200);
  });

  it("refuses cross-site writes", async () => {
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    const response = await put("sandbox", "a.yaml", { content: "x" }, `${cookie}`);
    expect(response.status).toBe(200);
    const crossSite = await PUT(
      jsonRequest(
        "/api/workspace/sandbox/a.yaml",
        "PUT",
        { content: "x" },
        { cookie, origin: "https://evil.example" },
      ),
      { params: Promise.resolve({ workspace: "sandbox", file: "a.yaml" }) },
    );
    expect(crossSite.status).toBe(403);
  });
});
