import { describe, expect, it } from "vitest";
import type { ApiResponse } from "../apiserver/handler/types";
import { fixedClock } from "../clock";
import { getObject, listObjects } from "../controllers/shared/cache";
import { ADMIN_USER, advanceTime, handle } from "../engine";
import type { SandboxState } from "../state";
import { serializeState } from "../state-codec";
import { logRows, timeShiftOrigin } from "../store/types";
import { TEMPLATE_SEED, TEMPLATE_TIME, templateRowOrigin } from "./cluster-template";
import { createClusterSandbox } from "./default-cluster";
import { clusterEngineOptions } from "./loops";

// What `kubectl get -A` reads: every list the lab's objects are in.
const LISTS = [
  "/api/v1/namespaces",
  "/api/v1/nodes",
  "/api/v1/pods",
  "/api/v1/events",
  "/api/v1/services",
  "/api/v1/endpoints",
  "/api/v1/configmaps",
  "/api/v1/secrets",
  "/api/v1/serviceaccounts",
  "/apis/apps/v1/deployments",
  "/apis/apps/v1/replicasets",
  "/apis/apps/v1/daemonsets",
  "/apis/coordination.k8s.io/v1/leases",
  "/apis/discovery.k8s.io/v1/endpointslices",
  "/apis/rbac.authorization.k8s.io/v1/clusterroles",
  "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
  "/apis/rbac.authorization.k8s.io/v1/roles",
  "/apis/rbac.authorization.k8s.io/v1/rolebindings",
  "/apis/scheduling.k8s.io/v1/priorityclasses",
];

function get(state: SandboxState, path: string, token?: string): ApiResponse {
  return handle(
    state,
    { method: "GET", path, ...(token ? { token } : { user: ADMIN_USER }) },
    fixedClock(state.time),
  ).response;
}

const body = (r: ApiResponse) => JSON.stringify(r.kind === "object" ? r.body : r);

describe("default clusters copied from the process's template", () => {
  const uncached = createClusterSandbox({
    seed: TEMPLATE_SEED,
    now: TEMPLATE_TIME,
    template: false,
  });

  it("answers every GET byte for byte as the uncached build at the template's time", () => {
    const copy = createClusterSandbox({ seed: "learner-a", now: TEMPLATE_TIME });
    for (const path of LISTS)
      expect(body(get(copy.state, path)), path).toBe(body(get(uncached.state, path)));
    expect(logRows(copy.state.store.log)).toEqual(logRows(uncached.state.store.log));
    expect(copy.changes.appended).toEqual(uncached.changes.appended);
    // Only the sandbox's own secrets differ: its admin token and PRNG.
    expect(copy.adminToken).not.toBe(uncached.adminToken);
    const strip = (s: SandboxState) => serializeState({ ...s, tokens: {}, rng: [0, 0, 0, 0] });
    expect(strip(copy.state)).toBe(strip(uncached.state));
  });

  it("moved to a later creation time, equals the uncached build there but for the scheduler's tie-breaks", () => {
    const now = TEMPLATE_TIME + 86_400_000 + 4_321_567; // a day and 4321.567 s later
    const copy = createClusterSandbox({ seed: "learner-b", now });
    const built = createClusterSandbox({ seed: TEMPLATE_SEED, now: now - 567, template: false });
    expect(copy.state.time).toBe(now - 567); // truncated to the whole second
    const rows = logRows(copy.state.store.log);
    const builtRows = new Map(logRows(built.state.store.log).map((r) => [r.key, r.value]));
    expect(rows.map((r) => r.key).sort()).toHaveLength(builtRows.size);
    // The scheduler breaks score ties with a PRNG seeded by the clock, so which coredns
    // replica lands on which worker (and what follows from it) may differ; nothing else may.
    const tieBroken = /coredns-[0-9a-f]+-|kube-dns/;
    let compared = 0;
    for (const r of rows) {
      if (tieBroken.test(r.key)) continue;
      expect(r.value, r.key).toBe(builtRows.get(r.key));
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
    const times = (s: SandboxState) =>
      listObjects(s, "", "pods", "kube-system").map((p) => p.metadata.creationTimestamp);
    expect(times(copy.state)).toEqual(times(built.state));
  });

  it("moves the boot's audit log and traces with it (read on demand)", () => {
    const at0 = createClusterSandbox({ seed: "journal", now: TEMPLATE_TIME });
    const later = createClusterSandbox({ seed: "journal", now: TEMPLATE_TIME + 7_000 });
    const audit0 = at0.state.journal.audit;
    const audit7 = later.state.journal.audit;
    expect(audit7.length).toBeGreaterThan(10);
    expect(audit7.map((e) => Date.parse(e.stageTimestamp))).toEqual(
      audit0.map((e) => Date.parse(e.stageTimestamp) + 7_000),
    );
    const ats = (s: SandboxState) => s.journal.traces.flatMap((t) => t.entries.map((x) => x.at));
    expect(ats(later.state)).toEqual(ats(at0.state).map((t) => t + 7_000));
    // Events written during the boot are named by their time: the log names the moved ones.
    const eventKeys = new Set(
      logRows(later.state.store.log)
        .filter((r) => r.key.startsWith("/registry/events/"))
        .map((r) => r.key.split("/").pop()),
    );
    const named = audit7.filter((e) => e.objectRef?.resource === "events" && e.objectRef.name);
    expect(named.length).toBeGreaterThan(0);
    for (const e of named) expect(eventKeys.has(e.objectRef!.name)).toBe(true);
  });

  it("notes each copied row's template row on the row, out of its keys, JSON and copies", () => {
    const later = createClusterSandbox({ seed: "noted", now: TEMPLATE_TIME + 7_000 });
    const rows = logRows(later.state.store.log);
    const templateRows = new Set(logRows(uncached.state.store.log).map((r) => r.value));
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      const origin = templateRowOrigin(row);
      expect(origin, row.key).toBeDefined();
      expect(origin!.deltaMs).toBe(7_000);
      expect(origin!.row).not.toBe(row);
      // The template's row at the template's time: the uncached build's value.
      expect(templateRows.has(origin!.row.value), row.key).toBe(true);
      // Made from the default cluster's own template, so the first row of the chain is it.
      expect(timeShiftOrigin(row)).toBe(origin!.row);
      // The row reads as a plain KvRow: its fields only, and copies of it are not copies in time.
      expect(Object.keys(row)).toEqual(Object.keys(origin!.row));
      expect(JSON.stringify(row)).toBe(JSON.stringify({ ...row }));
      expect(templateRowOrigin({ ...row })).toBeUndefined();
      expect(timeShiftOrigin(structuredClone(row))).toBeUndefined();
    }
    // Another sandbox made later shares the template's rows as origins.
    const other = logRows(
      createClusterSandbox({ seed: "noted-2", now: TEMPLATE_TIME + 9_000 }).state.store.log,
    );
    expect(templateRowOrigin(other[0]!)!.row).toBe(templateRowOrigin(rows[0]!)!.row);
    expect(templateRowOrigin(other[0]!)!.deltaMs).toBe(9_000);
  });

  it("keeps sandboxes independent: a write in one shows in no other", () => {
    for (const now of [TEMPLATE_TIME, TEMPLATE_TIME + 7_000]) {
      const a = createClusterSandbox({ seed: "a", now });
      const b = createClusterSandbox({ seed: "b", now });
      const r = handle(
        a.state,
        {
          method: "POST",
          path: "/api/v1/namespaces/default/configmaps",
          user: ADMIN_USER,
          body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "mine" } },
        },
        fixedClock(now),
      );
      expect(r.response.code).toBe(201);
      const path = "/api/v1/namespaces/default/configmaps/mine";
      expect(get(r.state, path).code).toBe(200);
      expect(get(b.state, path).code).toBe(404);
      expect(get(a.state, path).code).toBe(404);
      const c = createClusterSandbox({ seed: "c", now });
      expect(get(c.state, path).code).toBe(404);
      expect(c.state.store.revision).toBe(a.state.store.revision);
      // The write also went on with b's history untouched.
      const rb = handle(
        b.state,
        {
          method: "POST",
          path: "/api/v1/namespaces/default/configmaps",
          user: ADMIN_USER,
          body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "theirs" } },
        },
        fixedClock(now),
      );
      expect(rb.changes.appended[0]!.revision).toBe(r.changes.appended[0]!.revision);
      expect(get(rb.state, path).code).toBe(404);
    }
  });

  it("is deterministic per seed, and each sandbox's admin token is its own", () => {
    const now = TEMPLATE_TIME + 3_600_000;
    const one = createClusterSandbox({ seed: "same", now });
    const two = createClusterSandbox({ seed: "same", now });
    expect(serializeState(two.state)).toBe(serializeState(one.state));
    expect(two.adminToken).toBe(one.adminToken);
    const other = createClusterSandbox({ seed: "other", now });
    expect(other.adminToken).not.toBe(one.adminToken);
    expect(other.state.rng).not.toEqual(one.state.rng);
    expect(get(one.state, "/api/v1/nodes", one.adminToken).code).toBe(200);
    expect(get(one.state, "/api/v1/nodes", other.adminToken).code).toBe(401);
    expect(Object.keys(one.state.tokens)).toEqual([one.adminToken]);
  });

  it("runs on from its creation time: nodes stay Ready, leases renew, pods keep running", () => {
    const now = TEMPLATE_TIME + 30 * 86_400_000;
    const engine = clusterEngineOptions();
    const sb = createClusterSandbox({ seed: "later", now });
    const later = advanceTime(sb.state, now + 10 * 60_000, engine).state;
    for (const name of ["master1", "worker1", "worker2"]) {
      const node = getObject(later, "", "nodes", "", name)!;
      const ready = (node.status as { conditions: { type: string; status: string }[] }).conditions;
      expect(ready.find((c) => c.type === "Ready")?.status, name).toBe("True");
      const lease = getObject(later, "coordination.k8s.io", "leases", "kube-node-lease", name)!;
      const renew = Date.parse((lease.spec as { renewTime: string }).renewTime);
      expect(renew).toBeGreaterThan(now + 9 * 60_000);
    }
    const pods = listObjects(later, "", "pods", "kube-system");
    expect(pods).toHaveLength(9);
    for (const p of pods)
      expect((p.status as { phase: string }).phase, p.metadata.name).toBe("Running");
  });

  it("builds instead of copying for a kubeadm config, custom loops or template: false", () => {
    const own = createClusterSandbox({ seed: "own", now: TEMPLATE_TIME, template: false });
    expect(own.state.seed).toBe("own");
    const copied = createClusterSandbox({ seed: "own", now: TEMPLATE_TIME });
    expect(copied.state.seed).toBe(TEMPLATE_SEED);
    const custom = createClusterSandbox({
      seed: "own",
      now: TEMPLATE_TIME,
      engine: clusterEngineOptions(),
    });
    expect(serializeState(custom.state)).toBe(serializeState(own.state));
  });
});
