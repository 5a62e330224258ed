// Liveness and readiness of an instance against the real test database.
import { describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/ready/route";

describe("health and readiness", () => {
  it("reports liveness without the database", async () => {
    const res = health();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("reports ready with the newest applied migration", async () => {
    const res = await ready();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe("ready");
    expect(body.migration).toMatch(/^\d{14}_[a-z_]+$/);
  });
});
