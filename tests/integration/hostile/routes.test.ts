// Every API route of the app, found on disk (so a new route is covered the day
// it is added): signed-out requests are refused, cross-site state changes are
// refused (CSRF), and a learner who puts another learner's ids into any route
// gets an error - never their data, never a change to it, never a 5xx.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/sandboxes/pool";
import { saveWorkspaceFile } from "@/lib/workspace";
import { userSandbox } from "@/lib/terminal";
import { APP_ORIGIN, createUser, jsonRequest, sessionCookie } from "../auth-fixtures";

type Handler = (
  request: Request,
  ctx: { params: Promise<Record<string, unknown>> },
) => Promise<Response>;
interface Route {
  file: string;
  /** URL template, e.g. /api/sandboxes/[id]/exec */
  template: string;
  methods: Record<string, Handler>;
}

// Routes that are public on purpose, or authenticate without the session cookie.
const PUBLIC = [
  /^\/api\/auth\/\[\.\.\.nextauth\]$/, // next-auth's own endpoints (CSRF-token protected)
  /^\/api\/health$/,
  /^\/api\/ready$/,
  /^\/api\/workspace\/schema$/, // the editor's JSON Schema: no user data
  /^\/api\/k8s\/\[sandbox\]\/\[\[\.\.\.path\]\]$/, // bearer tokens (tests/integration/hostile/k8s-api.test.ts)
];
const PUBLIC_POST = [/^\/api\/signup$/];
const WRITES = ["POST", "PUT", "PATCH", "DELETE"];

function findRoutes(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) findRoutes(full, out);
    else if (name === "route.ts") out.push(full);
  }
  return out;
}

const routes: Route[] = [];

beforeAll(async () => {
  const root = path.join(process.cwd(), "app");
  for (const file of findRoutes(path.join(root, "api")).sort()) {
    const template = `/${path.relative(root, path.dirname(file)).split(path.sep).join("/")}`;
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const methods: Record<string, Handler> = {};
    for (const m of ["GET", ...WRITES])
      if (typeof mod[m] === "function") methods[m] = mod[m] as Handler;
    routes.push({ file, template, methods });
  }
}, 120_000);

function fill(
  template: string,
  ids: Record<string, string>,
): { url: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const url = template.replace(
    /\[\[?(\.\.\.)?([^\]]+)\]\]?/g,
    (_m, rest: string | undefined, name: string) => {
      const value = ids[name] ?? "x";
      params[name] = rest ? [value] : value;
      return value;
    },
  );
  return { url, params };
}

async function call(
  route: Route,
  method: string,
  ids: Record<string, string>,
  headers: Record<string, string>,
  body: unknown = {},
) {
  const { url, params } = fill(route.template, ids);
  const request =
    method === "GET"
      ? new Request(`${APP_ORIGIN}${url}`, { headers: { host: "localhost:3000", ...headers } })
      : jsonRequest(url, method, body, headers);
  const res = await route.methods[method]!(request, { params: Promise.resolve(params) });
  const text = res.body ? await res.text().catch(() => "") : "";
  return { status: res.status, text };
}

const isPublic = (r: Route, method: string) =>
  PUBLIC.some((p) => p.test(r.template)) ||
  (method === "POST" && PUBLIC_POST.some((p) => p.test(r.template)));

describe("every API route", () => {
  it("was found on disk", () => {
    expect(routes.length).toBeGreaterThan(30);
  });

  it("refuses signed-out requests", async () => {
    const checked: string[] = [];
    for (const r of routes) {
      for (const method of Object.keys(r.methods)) {
        if (isPublic(r, method)) continue;
        const res = await call(r, method, {}, {});
        checked.push(`${method} ${r.template} → ${res.status}`);
        expect([401, 403, 404], `${method} ${r.template}: ${res.text.slice(0, 200)}`).toContain(
          res.status,
        );
      }
    }
    expect(checked.length).toBeGreaterThan(30);
  }, 120_000);

  it("refuses cross-site state changes even with a valid session (CSRF)", async () => {
    const learner = await createUser("LEARNER");
    const cookie = await sessionCookie(learner.id);
    const sandbox = await userSandbox(learner.id);
    const roleRefusals: string[] = [];
    for (const r of routes) {
      for (const method of Object.keys(r.methods)) {
        if (!WRITES.includes(method) || PUBLIC.some((p) => p.test(r.template))) continue;
        const ids = {
          id: sandbox,
          sandbox,
          workspace: "sandbox",
          file: "a.yaml",
          labId: "pod-journey",
        };
        for (const origin of ["https://evil.example", "null"]) {
          const res = await call(r, method, ids, { cookie, origin });
          const where = `${method} ${r.template} from ${origin}: ${res.text.slice(0, 200)}`;
          expect(res.status, where).toBe(403);
          // Refused for being cross-site, or earlier for a role the learner lacks.
          const code = (JSON.parse(res.text) as { error: { code: string } }).error.code;
          expect(["crossSite", "forbidden"], where).toContain(code);
          if (code === "forbidden") roleRefusals.push(`${method} ${r.template}`);
        }
      }
    }
    // Only staff routes may refuse a learner by role before looking at the origin.
    for (const r of roleRefusals) expect(r).toMatch(/\/api\/(admin|classes($|\/\[classId\]))/);
  }, 120_000);

  it("gives a learner nothing of another learner's, whatever ids they put in", async () => {
    const victim = await createUser("LEARNER");
    const victimSandbox = await userSandbox(victim.id);
    await saveWorkspaceFile(victim.id, "sandbox", "secret.yaml", "victim-secret-content");
    const instructor = await createUser("INSTRUCTOR");
    const klass = await db().class.create({
      data: {
        name: "남의 반",
        term: "2026-2",
        courseId: "kubernetes",
        joinCode: `HX${Date.now().toString(36).toUpperCase()}`,
        createdById: instructor.id,
        instructors: { create: { userId: instructor.id } },
        members: { create: { userId: victim.id } },
      },
    });
    const versionOf = async () =>
      (
        await pool().query<{ version: number }>(`SELECT "version" FROM "Sandbox" WHERE "id" = $1`, [
          victimSandbox,
        ])
      ).rows[0]?.version;
    const before = await versionOf();

    const attacker = await createUser("LEARNER");
    const cookie = await sessionCookie(attacker.id);
    const ids: Record<string, string> = {
      id: victimSandbox,
      sandbox: victimSandbox,
      classId: klass.id,
      userId: victim.id,
      workspace: "sandbox",
      file: "secret.yaml",
      labId: "pod-journey",
    };
    const bodies: Record<string, unknown> = {
      "/api/sandboxes/[id]/exec": { command: "kubectl delete namespace default" },
      "/api/sandboxes/[id]/complete": { line: "kubectl get " },
      "/api/sandboxes/[id]/edit": { content: "x", target: {}, path: "/tmp/x.yaml" },
    };
    for (const r of routes) {
      if (PUBLIC.some((p) => p.test(r.template))) continue;
      for (const method of Object.keys(r.methods)) {
        const res = await call(r, method, ids, { cookie }, bodies[r.template] ?? {});
        const where = `${method} ${r.template} → ${res.status}: ${res.text.slice(0, 200)}`;
        expect(res.status, where).toBeLessThan(500);
        expect(res.text, where).not.toContain(victimSandbox);
        expect(res.text, where).not.toContain(victim.email);
        expect(res.text, where).not.toContain("victim-secret-content");
        // Routes naming another user's object must refuse; self-scoped ones may answer for the attacker.
        if (/\[(id|sandbox|classId|userId)\]/.test(r.template)) {
          expect([400, 401, 403, 404], where).toContain(res.status);
        }
      }
    }
    expect(await versionOf()).toBe(before);
    const files = await db().workspaceFile.findMany({ where: { userId: victim.id } });
    expect(files.map((f) => f.content)).toEqual(["victim-secret-content"]);
  }, 300_000);
});
