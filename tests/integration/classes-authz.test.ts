// The authorization matrix of every classes route: anonymous, a learner of the
// class, the class's instructor, an instructor of another class and an admin,
// including direct calls with other classes' and learners' ids.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listClasses, POST as postClass } from "@/app/api/classes/route";
import { POST as join } from "@/app/api/classes/join/route";
import { GET as getClass } from "@/app/api/classes/[classId]/route";
import { GET as matrix } from "@/app/api/classes/[classId]/matrix/route";
import { GET as insight } from "@/app/api/classes/[classId]/insight/route";
import { GET as exportCsv } from "@/app/api/classes/[classId]/export/route";
import { GET as actions } from "@/app/api/classes/[classId]/actions/route";
import { GET as learner } from "@/app/api/classes/[classId]/learners/[userId]/route";
import { GET as learnerSandbox } from "@/app/api/classes/[classId]/learners/[userId]/sandbox/route";
import { POST as resetLearner } from "@/app/api/classes/[classId]/learners/[userId]/reset/route";
import { DELETE as removeMember } from "@/app/api/classes/[classId]/members/[userId]/route";
import { POST as addInstructor } from "@/app/api/classes/[classId]/instructors/route";
import { DELETE as removeInstructor } from "@/app/api/classes/[classId]/instructors/[userId]/route";
import { POST as pushLab } from "@/app/api/classes/[classId]/push-lab/route";
import { GET as history } from "@/app/api/sandboxes/[id]/history/route";
import { POST as exec } from "@/app/api/sandboxes/[id]/exec/route";
import { createUserSandbox } from "@/lib/terminal/user-sandbox";
import { db } from "@/lib/db/client";
import { actor, classWith, ctx, get, send, type Actor } from "./classes-fixtures";

type Who = "anon" | "learner" | "instructor" | "otherInstructor" | "admin";
const WHO: Who[] = ["anon", "learner", "instructor", "otherInstructor", "admin"];

let people: Record<Exclude<Who, "anon">, Actor>;
let otherLearner: Actor;
let classA: { id: string; joinCode: string };
let classB: { id: string; joinCode: string };
let sandboxId: string;

const as = (who: Who) => (who === "anon" ? undefined : people[who]);

async function statuses(call: (a: Actor | undefined) => Promise<Response>) {
  const out: Record<string, number> = {};
  for (const who of WHO) out[who] = (await call(as(who))).status;
  return out;
}

// What a read of class A answers to each of them: only its instructor and admins see it.
const READ = { anon: 401, learner: 403, instructor: 200, otherInstructor: 404, admin: 200 };

beforeAll(async () => {
  people = {
    learner: await actor("LEARNER", "학습자 가"),
    instructor: await actor("INSTRUCTOR", "강사 A"),
    otherInstructor: await actor("INSTRUCTOR", "강사 B"),
    admin: await actor("ADMIN", "관리자"),
  };
  otherLearner = await actor("LEARNER", "학습자 나");
  classA = await classWith(people.instructor, [people.learner]);
  classB = await classWith(people.otherInstructor, [otherLearner], "B반");
  sandboxId = await createUserSandbox(people.learner.user.id);
});

describe("classes API authorization", () => {
  it("lists only the classes a user teaches or joined", async () => {
    expect((await listClasses(get("/api/classes"))).status).toBe(401);
    const ids = async (a: Actor) => {
      const body = await (await listClasses(get("/api/classes", a))).json();
      return {
        taught: body.taught.map((c: { id: string }) => c.id),
        joined: body.joined.map((c: { id: string }) => c.id),
      };
    };
    expect(await ids(people.learner)).toEqual({ taught: [], joined: [classA.id] });
    expect(await ids(people.instructor)).toEqual({ taught: [classA.id], joined: [] });
    expect(await ids(people.otherInstructor)).toEqual({ taught: [classB.id], joined: [] });
    const admin = await ids(people.admin);
    expect(admin.taught).toEqual(expect.arrayContaining([classA.id, classB.id]));
    // A learner never receives a join code.
    const learnerBody = await (await listClasses(get("/api/classes", people.learner))).json();
    expect(JSON.stringify(learnerBody)).not.toContain(classA.joinCode);
  });

  it("lets instructors and admins create classes, not learners", async () => {
    const body = { name: "새 수업", term: "2027 봄" };
    expect(await statuses((a) => postClass(send("/api/classes", "POST", body, a)))).toEqual({
      anon: 401,
      learner: 403,
      instructor: 201,
      otherInstructor: 201,
      admin: 201,
    });
  });

  it("answers class reads only to the class's instructors and admins", async () => {
    const id = classA.id;
    const reads: [string, (a?: Actor) => Promise<Response>][] = [
      ["class", (a) => getClass(get(`/api/classes/${id}`, a), ctx({ classId: id }))],
      ["matrix", (a) => matrix(get(`/api/classes/${id}/matrix`, a), ctx({ classId: id }))],
      ["insight", (a) => insight(get(`/api/classes/${id}/insight`, a), ctx({ classId: id }))],
      [
        "export matrix",
        (a) => exportCsv(get(`/api/classes/${id}/export?kind=matrix`, a), ctx({ classId: id })),
      ],
      [
        "export quiz",
        (a) => exportCsv(get(`/api/classes/${id}/export?kind=quiz`, a), ctx({ classId: id })),
      ],
      ["actions", (a) => actions(get(`/api/classes/${id}/actions`, a), ctx({ classId: id }))],
      [
        "learner",
        (a) =>
          learner(
            get(`/api/classes/${id}/learners/x`, a),
            ctx({ classId: id, userId: people.learner.user.id }),
          ),
      ],
      [
        "learner sandbox",
        (a) =>
          learnerSandbox(
            get(`/api/classes/${id}/learners/x/sandbox`, a),
            ctx({ classId: id, userId: people.learner.user.id }),
          ),
      ],
    ];
    for (const [name, call] of reads) {
      expect({ name, ...(await statuses(call)) }).toEqual({ name, ...READ });
    }
  });

  it("never shows a learner of another class through this class's id", async () => {
    const theirs = otherLearner.user.id;
    for (const who of ["instructor", "admin"] as const) {
      const r = await learner(
        get(`/api/classes/${classA.id}/learners/${theirs}`, people[who]),
        ctx({ classId: classA.id, userId: theirs }),
      );
      expect(r.status).toBe(404);
      expect((await r.json()).error.code).toBe("learnerNotFound");
    }
    // Nor class B's learner through class B's id for class A's instructor.
    const r = await learner(
      get(`/api/classes/${classB.id}/learners/${theirs}`, people.instructor),
      ctx({ classId: classB.id, userId: theirs }),
    );
    expect(r.status).toBe(404);
    expect((await r.json()).error.code).toBe("classNotFound");
    // Malformed ids are not found either.
    const bad = await matrix(get(`/api/classes/x/matrix`, people.admin), ctx({ classId: "../x" }));
    expect(bad.status).toBe(404);
  });

  it("lets only admins assign and remove co-instructors", async () => {
    const co = await actor("INSTRUCTOR", "공동 강사");
    const add = (a?: Actor) =>
      addInstructor(
        send(`/api/classes/${classA.id}/instructors`, "POST", { email: co.user.email }, a),
        ctx({ classId: classA.id }),
      );
    expect(await statuses(add)).toEqual({
      anon: 401,
      learner: 403,
      instructor: 403,
      otherInstructor: 403,
      admin: 200,
    });
    // The co-instructor now reads the class.
    const r = await matrix(
      get(`/api/classes/${classA.id}/matrix`, co),
      ctx({ classId: classA.id }),
    );
    expect(r.status).toBe(200);
    // A learner cannot be made co-instructor.
    const notInstructor = await addInstructor(
      send(
        `/api/classes/${classA.id}/instructors`,
        "POST",
        { email: otherLearner.user.email },
        people.admin,
      ),
      ctx({ classId: classA.id }),
    );
    expect(notInstructor.status).toBe(400);
    const remove = (a?: Actor) =>
      removeInstructor(
        send(`/api/classes/${classA.id}/instructors/${co.user.id}`, "DELETE", {}, a),
        ctx({ classId: classA.id, userId: co.user.id }),
      );
    expect(await statuses(remove)).toEqual({
      anon: 401,
      learner: 403,
      instructor: 403,
      otherInstructor: 403,
      admin: 200,
    });
    const gone = await matrix(
      get(`/api/classes/${classA.id}/matrix`, co),
      ctx({ classId: classA.id }),
    );
    expect(gone.status).toBe(404);
    // The last instructor stays.
    const last = await removeInstructor(
      send(`/api/classes/${classA.id}/instructors/x`, "DELETE", {}, people.admin),
      ctx({ classId: classA.id, userId: people.instructor.user.id }),
    );
    expect(last.status).toBe(409);
  });

  it("lets the learner's instructors read their sandbox through the terminal, never write", async () => {
    const h = (a?: Actor) =>
      history(get(`/api/sandboxes/${sandboxId}/history`, a), ctx({ id: sandboxId }));
    expect(await statuses(h)).toEqual({
      anon: 401,
      learner: 200,
      instructor: 200,
      otherInstructor: 404,
      admin: 200,
    });
    const e = (a?: Actor) =>
      exec(
        send(`/api/sandboxes/${sandboxId}/exec`, "POST", { command: "kubectl get nodes" }, a),
        ctx({ id: sandboxId }),
      );
    const writes = await statuses(e);
    expect(writes).toEqual({
      anon: 401,
      learner: 200,
      instructor: 403,
      otherInstructor: 404,
      admin: 403,
    });
  });

  it("lets only the class's instructors act on its learners", async () => {
    const push = (a?: Actor) =>
      pushLab(
        send(`/api/classes/${classA.id}/push-lab`, "POST", { labId: "no-such-lab" }, a),
        ctx({ classId: classA.id }),
      );
    const pushed = await statuses(push);
    // The instructor and the admin pass authorization and reach the unknown lab.
    expect(pushed).toEqual({
      anon: 401,
      learner: 403,
      instructor: 404,
      otherInstructor: 404,
      admin: 404,
    });
    const body = await (await push(people.instructor)).json();
    expect(body.error.code).toBe("labNotFound");

    const reset = (a?: Actor) =>
      resetLearner(
        send(`/api/classes/${classA.id}/learners/x/reset`, "POST", { sandboxId }, a),
        ctx({ classId: classA.id, userId: people.learner.user.id }),
      );
    for (const who of ["anon", "learner", "otherInstructor"] as const) {
      expect((await reset(as(who))).status).toBe(
        { anon: 401, learner: 403, otherInstructor: 404 }[who],
      );
    }
    const done = await reset(people.instructor);
    expect(done.status).toBe(200);
    const fresh = (await done.json()).sandboxId as string;
    expect(fresh).not.toBe(sandboxId);
    expect(await db().sandbox.findUnique({ where: { id: sandboxId } })).toBeNull();
    expect((await db().sandbox.findUnique({ where: { id: fresh } }))?.ownerId).toBe(
      people.learner.user.id,
    );
    sandboxId = fresh;
    const audit = await db().instructorAction.findMany({
      where: { classId: classA.id, action: "sandbox.reset" },
    });
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: people.instructor.user.id,
        targetUserId: people.learner.user.id,
      }),
    ]);
  });

  it("joins by code (not as the class's own instructor) and removes learners", async () => {
    const newcomer = await actor("LEARNER");
    const j = (code: string, a?: Actor) => join(send("/api/classes/join", "POST", { code }, a));
    expect((await j(classA.joinCode)).status).toBe(401);
    expect((await j("AAAA-AAAA", newcomer)).status).toBe(404);
    expect((await j(classA.joinCode.toLowerCase(), newcomer)).status).toBe(200);
    expect((await j(classA.joinCode, newcomer)).status).toBe(200); // again: no-op
    expect((await j(classB.joinCode, newcomer)).status).toBe(200); // several classes
    expect((await j(classA.joinCode, people.instructor)).status).toBe(409);
    expect(await db().classMember.count({ where: { userId: newcomer.user.id } })).toBe(2);

    const remove = (a?: Actor) =>
      removeMember(
        send(`/api/classes/${classA.id}/members/x`, "DELETE", {}, a),
        ctx({ classId: classA.id, userId: newcomer.user.id }),
      );
    for (const who of ["anon", "learner", "otherInstructor"] as const) {
      expect((await remove(as(who))).status).toBe(
        { anon: 401, learner: 403, otherInstructor: 404 }[who],
      );
    }
    expect((await remove(people.instructor)).status).toBe(204);
    expect((await remove(people.admin)).status).toBe(404); // already gone
    expect(await db().classMember.count({ where: { userId: newcomer.user.id } })).toBe(1);
    const audit = await db().instructorAction.findFirst({
      where: { classId: classA.id, action: "member.remove" },
    });
    expect(audit?.targetUserId).toBe(newcomer.user.id);
  });
});
