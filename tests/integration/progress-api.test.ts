// Reading progress through the real route handlers against PostgreSQL: who may
// read/write it, validation against the content, idempotence and isolation.
import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/progress/route";
import {
  readSectionsOfCourse,
  readSectionsOfLearners,
} from "@/lib/content/progress/section-progress";
import { db } from "@/lib/db/client";
import { APP_ORIGIN, createUser, jsonRequest, sessionCookie } from "./auth-fixtures";

const session = { courseId: "kubernetes", sessionId: "architecture" };

const get = (cookie?: string, query = "courseId=kubernetes&sessionId=architecture") =>
  GET(new Request(`${APP_ORIGIN}/api/progress?${query}`, { headers: cookie ? { cookie } : {} }));

const post = (body: unknown, cookie?: string, headers: Record<string, string> = {}) =>
  POST(jsonRequest("/api/progress", "POST", body, { ...(cookie ? { cookie } : {}), ...headers }));

const rows = (userId: string) =>
  db().sectionProgress.findMany({ where: { userId }, orderBy: { sectionId: "asc" } });

describe("progress API", () => {
  it("requires a signed-in user for reading and writing", async () => {
    expect((await get()).status).toBe(401);
    const denied = await post({ ...session, sectionId: "goals" });
    expect(denied.status).toBe(401);
    expect((await denied.json()).error.message).toBe("로그인이 필요합니다.");
  });

  it("stores a read section per user and returns it", async () => {
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    expect(await (await get(cookie)).json()).toEqual({ ...session, read: [] });

    const marked = await post({ ...session, sectionId: "cluster-architecture" }, cookie);
    expect(marked.status).toBe(200);
    const body = await marked.json();
    expect(body.read.map((r: { sectionId: string }) => r.sectionId)).toEqual([
      "cluster-architecture",
    ]);

    const stored = await rows(user.id);
    expect(stored).toEqual([
      expect.objectContaining({ ...session, userId: user.id, sectionId: "cluster-architecture" }),
    ]);
    const again = await get(cookie);
    expect((await again.json()).read).toEqual([
      { sectionId: "cluster-architecture", readAt: stored[0]!.readAt.toISOString() },
    ]);
  });

  it("keeps the first read time when a section is read again, and unmarks on request", async () => {
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    await post({ ...session, sectionId: "goals" }, cookie);
    const first = (await rows(user.id))[0]!.readAt;
    await new Promise((r) => setTimeout(r, 20));
    await post({ ...session, sectionId: "goals" }, cookie);
    expect(await rows(user.id)).toEqual([expect.objectContaining({ readAt: first })]);

    const unmarked = await post({ ...session, sectionId: "goals", read: false }, cookie);
    expect(unmarked.status).toBe(200);
    expect((await unmarked.json()).read).toEqual([]);
    expect(await rows(user.id)).toEqual([]);
  });

  it("rejects sections, sessions and ids the content does not have, storing nothing", async () => {
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    const unknownSection = await post({ ...session, sectionId: "no-such-section" }, cookie);
    expect(unknownSection.status).toBe(400);
    expect((await unknownSection.json()).error.fields).toEqual({
      sectionId: "이 세션에 없는 섹션입니다.",
    });
    expect((await post({ ...session, sessionId: "nope", sectionId: "goals" }, cookie)).status).toBe(
      400,
    );
    expect((await post({ ...session, sectionId: "Goals; DROP" }, cookie)).status).toBe(400);
    expect((await post({ ...session, sectionId: "goals", extra: 1 }, cookie)).status).toBe(400);
    expect((await post({ ...session, sectionId: "goals", read: "yes" }, cookie)).status).toBe(400);
    expect((await get(cookie, "courseId=kubernetes")).status).toBe(400);
    expect(await rows(user.id)).toEqual([]);
  });

  it("refuses a cross-site write", async () => {
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    const res = await post({ ...session, sectionId: "goals" }, cookie, {
      origin: "https://evil.example",
    });
    expect(res.status).toBe(403);
    expect(await rows(user.id)).toEqual([]);
  });

  it("keeps learners' progress apart and groups it by session for the overview", async () => {
    const [a, b] = await Promise.all([createUser("LEARNER"), createUser("LEARNER")]);
    const [cookieA, cookieB] = await Promise.all([sessionCookie(a.id), sessionCookie(b.id)]);
    await post({ ...session, sectionId: "goals" }, cookieA);
    await post({ ...session, sectionId: "examples" }, cookieA);
    await post({ ...session, sectionId: "discussion" }, cookieB);

    const ofA = await readSectionsOfCourse(db(), a.id, "kubernetes");
    expect([...(ofA.get("architecture")?.keys() ?? [])].sort()).toEqual(["examples", "goals"]);
    const c = await createUser("LEARNER");
    const ofClass = await readSectionsOfLearners(db(), [a.id, b.id, c.id], "kubernetes");
    expect([...(ofClass.get(a.id)?.get("architecture") ?? [])].sort()).toEqual([
      "examples",
      "goals",
    ]);
    expect([...(ofClass.get(b.id)?.get("architecture") ?? [])]).toEqual(["discussion"]);
    expect(ofClass.has(c.id)).toBe(false);
    expect(
      (await (await get(cookieB)).json()).read.map((r: { sectionId: string }) => r.sectionId),
    ).toEqual(["discussion"]);
  });
});
