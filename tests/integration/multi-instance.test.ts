// Three API instances (separate processes, one Postgres) behave as one: a
// learner's consecutive requests may land on any of them, a watch on one sees
// writes made through another, and 200 concurrent writers on one sandbox spread
// over all three either succeed or get 409 Conflict, ending in the state a
// serial replay of the successful writes gives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { issueKubeToken } from "@/lib/db/kube-tokens";
import { createUserSandbox } from "@/lib/terminal/user-sandbox";
import { startApiInstances, type ApiInstances } from "./support/api-instances";

let api: ApiInstances;

beforeAll(async () => {
  const user = await db().user.create({
    data: { email: `multi-${Date.now()}@example.test`, name: "multi" },
  });
  const sandboxId = await createUserSandbox(user.id);
  const { token } = await issueKubeToken(sandboxId);
  api = await startApiInstances(3, {
    databaseUrl: process.env.DATABASE_URL!,
    sandboxId,
    token,
  });
}, 120_000);

afterAll(async () => {
  await api?.stopAll();
});

const configMap = (name: string, data: Record<string, string> = {}) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default" },
  data,
});

const CM = "/api/v1/namespaces/default/configmaps";

describe("three API instances on one Postgres", () => {
  it("serves interleaved requests as one cluster", async () => {
    for (let i = 0; i < 12; i++) {
      const res = await api.call(i % 3, "POST", CM, configMap(`step-${i}`, { i: String(i) }));
      expect(res.status, res.body).toBe(201);
    }
    for (let i = 0; i < 3; i++) {
      const list = await api.call(i, "GET", `${CM}?labelSelector=`);
      const names = list
        .json<{ items: { metadata: { name: string } }[] }>()
        .items.map((c) => c.metadata.name)
        .filter((n) => n.startsWith("step-"));
      expect(names.sort()).toEqual(Array.from({ length: 12 }, (_, k) => `step-${k}`).sort());
    }
    // A read right after a write on another instance sees it (no stale cache).
    for (let i = 0; i < 6; i++) {
      const put = await api.call(i % 3, "POST", CM, configMap(`ryw-${i}`));
      expect(put.status).toBe(201);
      const got = await api.call((i + 1) % 3, "GET", `${CM}/ryw-${i}`);
      expect(got.status).toBe(200);
    }
  }, 60_000);

  it("streams to a watch on one instance the writes made through another", async () => {
    const list = await api.call(0, "GET", CM);
    const rv = list.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion;
    const watch = api.watch(0, `${CM}?watch=true&resourceVersion=${rv}`);
    try {
      await api.call(1, "POST", CM, configMap("seen-across", { from: "instance-1" }));
      await api.call(2, "DELETE", `${CM}/seen-across`);
      const deadline = Date.now() + 15_000;
      while (watch.lines.length < 2 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(watch.status()).toBe(200);
      const events = watch.lines.map(
        (l) => JSON.parse(l) as { type: string; object: { metadata: { name: string } } },
      );
      expect(events.map((e) => [e.type, e.object.metadata.name])).toEqual([
        ["ADDED", "seen-across"],
        ["DELETED", "seen-across"],
      ]);
    } finally {
      watch.close();
    }
  }, 60_000);

  it("gives 200 concurrent writers success or 409, and a state equal to a serial replay", async () => {
    expect((await api.call(0, "POST", CM, configMap("contended"))).status).toBe(201);
    type Cm = { metadata: { resourceVersion: string }; data?: Record<string, string> };

    // 100 patches without a resourceVersion (the server retries those itself), all at
    // once, then 100 optimistic updates (read, add own key, PUT with the read
    // resourceVersion) at once: with no other writer left, the first PUT to arrive
    // read the current version, so at least one update must win.
    const patches = await Promise.all(
      Array.from({ length: 100 }, async (_, w) => {
        const res = await api.call(
          w % 3,
          "PATCH",
          `${CM}/contended`,
          { data: { [`p${w}`]: "1" } },
          "application/merge-patch+json",
        );
        return { key: `p${w}`, status: res.status };
      }),
    );
    const updates = await Promise.all(
      Array.from({ length: 100 }, async (_, w) => {
        const got = (await api.call(w % 3, "GET", `${CM}/contended`)).json<Cm>();
        const body = configMap("contended", { ...got.data, [`u${w}`]: "1" });
        const withRv = {
          ...body,
          metadata: { ...body.metadata, resourceVersion: got.metadata.resourceVersion },
        };
        const res = await api.call((w + 1) % 3, "PUT", `${CM}/contended`, withRv);
        return { key: `u${w}`, status: res.status };
      }),
    );
    const results = [...patches, ...updates];

    const statuses = new Set(results.map((r) => r.status));
    expect(
      [...statuses].every((s) => s === 200 || s === 409),
      [...statuses].join(),
    ).toBe(true);
    const succeeded = results.filter((r) => r.status === 200).map((r) => r.key);
    // Patches carry no precondition: each must have been applied.
    expect(succeeded.filter((k) => k.startsWith("p"))).toHaveLength(100);
    expect(succeeded.some((k) => k.startsWith("u"))).toBe(true);

    const final = (await api.call(2, "GET", `${CM}/contended`)).json<Cm>();
    // Every successful update read the latest state, so the final data holds exactly
    // the successful writers' keys: nothing lost, nothing from a rejected write.
    const keys = Object.keys(final.data ?? {}).sort();
    const updateKeys = keys.filter((k) => k.startsWith("u"));
    const expectedUpdates = succeeded.filter((k) => k.startsWith("u"));
    // No update may have dropped a patch's key (it would have needed a stale read).
    expect(keys.filter((k) => k.startsWith("p"))).toHaveLength(100);
    expect(updateKeys.sort()).toEqual(expectedUpdates.sort());
  }, 120_000);
});
