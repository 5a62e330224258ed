// Readiness (app/api/ready) waits for the process's lab template warm-up and for the
// route handlers' copy of the lab session modules: a balancer sends a class to an
// instance only once a lab opens as a copy, not a build or a module load.
// The ready answer itself needs Postgres: tests/integration/health-ready.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { GET as ready } from "@/app/api/ready/route";
import { setLabTemplatesWarm } from "@/lib/labs/start/warm-state";

afterEach(() => setLabTemplatesWarm("idle"));

describe("readiness during the lab template warm-up", () => {
  it("answers 503 with a retry hint while the templates build", async () => {
    setLabTemplatesWarm("running");
    const res = await ready();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.headers.get("cache-control")).toMatch(/(^|,\s*)no-store(,|$)/);
    const body = (await res.json()) as { status: string; message: string };
    expect(body.status).toBe("starting");
    expect(body.message).toMatch(/준비/);
  });

  it("loads the routes' copy of the lab session modules on the first probe, then asks the database", async () => {
    setLabTemplatesWarm("done"); // instrumentation's warm-up ran and ended
    const first = (await (await ready()).json()) as { status: string };
    expect(first.status).toBe("starting");
    let body = first;
    for (let i = 0; i < 600 && body.status === "starting"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      body = (await (await ready()).json()) as { status: string };
    }
    // Past the warm-up readiness is about Postgres (none in unit tests, unless DATABASE_URL is set).
    expect(["unavailable", "ready"]).toContain(body.status);
  }, 90_000);
});
