// What a settled cluster writes while only time passes, row by row, against what Kubernetes
// 1.28's components write in the same time. Every revision row is persisted (a SandboxKv insert,
// ~1 KB of WAL) and costs the app a request, so a loop that wrote more often than its real
// counterpart (a status write equal to the stored one, a renewal per catch-up instead of per
// period) would show up here as an extra key or a higher count. The counts are the real
// components' periods, nothing more:
// - kube-scheduler and kube-controller-manager renew their leader Lease every retryPeriod (2 s;
//   client-go's leaderelection updates the Lease on every successful tryAcquireOrRenew);
// - each kubelet renews its node Lease every 10 s (renewInterval = 0.25 × 40 s) and reports an
//   unchanged node status every 5 min (nodeStatusReportFrequency), with new heartbeat times;
// - controllers compare before they write status (the deployment controller's
//   syncRolloutStatus, the ReplicaSet controller's updateReplicaSetStatus), so a settled
//   Deployment and its running pods write nothing.
import { describe, expect, it } from "vitest";
import { LabCluster } from "./cluster/lab-cluster";
import { advanceTime } from "./engine";
import { deploymentManifest, T0 } from "./scenarios/fixtures";
import type { KvRow } from "./store/types";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Leaf paths where a and b differ (array items by position). */
function changedPaths(a: Json, b: Json, at: string, out: Set<string>): void {
  if (a === b) return;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    out.add(at);
    return;
  }
  const ak = a as Record<string, Json>;
  const bk = b as Record<string, Json>;
  for (const k of new Set([...Object.keys(ak), ...Object.keys(bk)])) {
    changedPaths(ak[k] ?? null, bk[k] ?? null, `${at}.${k}`, out);
  }
}

describe("a settled cluster's writes while time passes", () => {
  it("are only the Lease renewals and node status reports Kubernetes 1.28 makes, at their periods", () => {
    const lab = new LabCluster({ seed: "idle-writes", now: T0 });
    lab.request(
      "POST",
      "/apis/apps/v1/namespaces/default/deployments",
      deploymentManifest("web", 3),
    );
    // Pulls, starts, readiness, the node status reports of the pulled image, the nodes' first
    // status report since the template (it adds the kubelet's managedFields entry): all done.
    lab.advance(400_000);
    const deployment = lab.get("apps", "deployments", "default", "web")!;
    expect(deployment.status).toMatchObject({ readyReplicas: 3, availableReplicas: 3 });

    // Ten minutes in the app's catch-up steps (lib/db/sandboxes/catch-up.ts: at most one a
    // virtual second), each step's rows kept before compaction may drop them.
    const rows: KvRow[] = [];
    let state = lab.state;
    const previous = new Map<string, string>();
    for (const [key, row] of state.store.live) previous.set(key, row.value);
    const changed = new Map<string, Set<string>>();
    for (let t = 1; t <= 600; t++) {
      const r = advanceTime(state, state.time + 1000, lab.engine);
      state = r.state;
      for (const row of r.changes.appended) {
        rows.push(row);
        const before = previous.get(row.key);
        const paths = changed.get(row.key) ?? new Set<string>();
        if (before === undefined || row.deleted) paths.add(row.deleted ? "(deleted)" : "(created)");
        else changedPaths(JSON.parse(before) as Json, JSON.parse(row.value) as Json, "", paths);
        changed.set(row.key, paths);
        previous.set(row.key, row.value);
      }
    }
    const perKey = new Map<string, number>();
    for (const row of rows) perKey.set(row.key, (perKey.get(row.key) ?? 0) + 1);

    const nodes = ["master1", "worker1", "worker2"];
    expect(Object.fromEntries(perKey)).toEqual({
      // 600 s ÷ 2 s
      "/registry/leases/kube-system/kube-scheduler": 300,
      "/registry/leases/kube-system/kube-controller-manager": 300,
      // 600 s ÷ 10 s per node, and two 5-minute status reports
      ...Object.fromEntries(nodes.map((n) => [`/registry/leases/kube-node-lease/${n}`, 60])),
      ...Object.fromEntries(nodes.map((n) => [`/registry/minions/${n}`, 2])),
    });
    // Each of them moves times only: renewTime, the nodes' heartbeats, managedFields' time.
    for (const [key, paths] of changed) {
      for (const p of paths) {
        expect(
          p === ".metadata.resourceVersion" ||
            /^\.metadata\.managedFields\.\d+\.time$/.test(p) ||
            /^\.spec\.renewTime$/.test(p) ||
            /^\.status\.conditions\.\d+\.lastHeartbeatTime$/.test(p),
          `${key}: ${p}`,
        ).toBe(true);
      }
    }
  });
});
