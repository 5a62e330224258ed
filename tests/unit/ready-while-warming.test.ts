// Readiness (app/api/ready) waits for the process's lab template warm-up: a balancer
// sends a class to an instance only once a lab opens as a copy, not a build.
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
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { status: string; message: string };
    expect(body.status).toBe("starting");
    expect(body.message).toMatch(/준비/);
  });
});
