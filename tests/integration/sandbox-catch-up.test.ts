// Catch-up of a persisted cluster sandbox: the control loops run on the time that
// passed at most once per CATCH_UP_INTERVAL_MS of virtual time (lib/db/sandboxes/catch-up.ts).
import { afterEach, describe, expect, it, vi } from "vitest";
import { readAuditLog, sandboxRequest } from "@/lib/db/sandboxes";
import { CATCH_UP_INTERVAL_MS } from "@/lib/db/sandboxes/catch-up";
import { db } from "@/lib/db/client";
import type { ApiRequest } from "@/lib/sim";
import { sandboxEnv } from "@/lib/terminal/db-env";
import { createUserSandbox } from "@/lib/terminal/user-sandbox";
import { admin, configMapCreate, sandboxVersion } from "./sandbox-fixtures";

const get: ApiRequest = {
  method: "GET",
  path: "/api/v1/namespaces/default/configmaps",
  user: admin,
};

async function leaseRenewals(id: string, afterSeq: number): Promise<number> {
  const log = await readAuditLog(id, { afterSeq, limit: 1000 });
  return log.filter((l) => l.event.verb === "update" && l.event.objectRef?.resource === "leases")
    .length;
}

async function lastSeq(id: string): Promise<number> {
  const log = await readAuditLog(id, { limit: 100_000 });
  return log.at(-1)?.seq ?? -1;
}

async function clusterSandbox(name: string): Promise<string> {
  const user = await db().user.create({
    data: { email: `${name}-${Date.now()}@catch-up.test`, name },
  });
  return createUserSandbox(user.id, name);
}

afterEach(() => vi.restoreAllMocks());

describe("sandbox catch-up", () => {
  it("lets the loops catch up at most once per interval of virtual time", async () => {
    const id = await clusterSandbox("interval");
    const t0 = Date.now() + 30_000;
    const at = (ms: number) => ({ wallNow: () => t0 + ms });
    // 30 s on: the leaders' and kubelets' Leases are due, the loops renew them.
    await sandboxRequest(id, get, at(0));
    // 1.2 s: a catch-up, nothing due yet (leaders renew every 2 s).
    await sandboxRequest(id, get, at(1_200));
    // 2.1 s: the leaders' renewals are due, but the loops ran 0.9 s ago: the request
    // alone (a single audit event), the renewals wait for the next pass.
    let seq = await lastSeq(id);
    await sandboxRequest(id, get, at(2_100));
    const quiet = await readAuditLog(id, { afterSeq: seq });
    expect(quiet.map((l) => l.event.verb)).toEqual(["list"]);
    // 2.3 s: an interval since the last pass, the loops run and renew.
    seq = await lastSeq(id);
    await sandboxRequest(id, get, at(2_300));
    expect(await leaseRenewals(id, seq)).toBeGreaterThanOrEqual(2);
  });

  it("runs a write's control loops at once, inside the interval too", async () => {
    const id = await clusterSandbox("write");
    const t0 = Date.now();
    await sandboxRequest(id, get, { wallNow: () => t0 + 10_000 });
    const r = await sandboxRequest(
      id,
      {
        method: "POST",
        path: "/apis/apps/v1/namespaces/default/deployments",
        user: admin,
        body: {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "web" },
          spec: {
            replicas: 2,
            selector: { matchLabels: { app: "web" } },
            template: {
              metadata: { labels: { app: "web" } },
              spec: { containers: [{ name: "web", image: "nginx:1.25" }] },
            },
          },
        },
      },
      { wallNow: () => t0 + 10_100 },
    );
    expect(r.response.code).toBe(201);
    // The deployment controller, replicaset controller and scheduler acted in the same request.
    const pods = await sandboxRequest(
      id,
      { method: "GET", path: "/api/v1/namespaces/default/pods", user: admin },
      { wallNow: () => t0 + 10_200 },
    );
    const items = (pods.response as { body: { items: { spec: { nodeName?: string } }[] } }).body
      .items;
    expect(items).toHaveLength(2);
    expect(items.every((p) => p.spec.nodeName)).toBe(true);
  });

  it("reads the sandbox without writing it when no catch-up is due", async () => {
    const id = await clusterSandbox("read");
    const t0 = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(t0 + 5_000);
    await sandboxRequest(id, configMapCreate("c1")); // loops ran now
    const version = await sandboxVersion(id);
    const env = sandboxEnv(id);
    const state = await env.state();
    expect(await sandboxVersion(id)).toBe(version);
    expect(state.store.live.get("/registry/configmaps/default/c1")).toBeDefined();
    // An interval later the read catches up, and that is written.
    vi.spyOn(Date, "now").mockReturnValue(t0 + 5_000 + CATCH_UP_INTERVAL_MS);
    await env.state();
    expect(await sandboxVersion(id)).toBe(version + 1);
  });
});
