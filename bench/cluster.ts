// Cluster benchmark (issue 4's speed bars), printed as medians:
//   - create a default-cluster sandbox (master1 + worker1, worker2, all kube-system
//     pods Running) and store it in Postgres                      target ≤ 50 ms
//   - a 100-replica Deployment: the settle after its create, and
//     the settle that follows the image pull                       target ≤ 100 ms
//   - the same with an image already on the nodes: Available in one settle  target ≤ 100 ms
//   - a fresh default-cluster sandbox's stored size               target ≤ 64 KiB
// A sandbox's default cluster is copied from the process's template (built once, moved
// to the sandbox's creation time); the template's own build is printed apart.
// Uses DATABASE_URL when set (a scratch database is created on that server),
// otherwise starts a throwaway embedded PostgreSQL. --bundle (or BENCH_ENGINE=bundle) runs the
// engine from a plain esbuild bundle, as production does (bench/settle-kit.ts); the output says
// which mode ran; the persistence that stores the sandboxes is bundled with it.
import { mainThreadCpuMs } from "./settle-diagnostics";
import {
  describeMode,
  engineMode,
  hundredReplicaDeployment,
  loadEngine,
  postDeployment,
} from "./settle-kit";
import { withBenchDatabase } from "./with-database";
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";

const ROUNDS = Number(process.env.ROUNDS ?? 30);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function timed(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

async function main() {
  await withBenchDatabase(`kubelab_bench_cluster_${process.pid}`, async () => {
    const { sim, mode } = await loadEngine(engineMode(), { persistence: true });
    const { getObject, insertSandbox, splitMeta, pool, closePool, sandboxStorageBytes } = sim;
    const engine = sim.clusterEngineOptions();
    const now = Date.UTC(2026, 0, 1);

    // The standard loops (no `engine`): a new sandbox is copied from the process's
    // default-cluster template, as the app's sandboxes are; the template's own build
    // (what every sandbox cost before) is measured apart, once per process.
    // Creation times vary (sub-second too) so every copy is really moved in time.
    const at = (i: number) => now + 3_600_000 + i * 61_234;
    const store = async (seed: string, i: number) => {
      const c = sim.createClusterSandbox({ seed, now: at(i) });
      const id = randomBytes(12).toString("base64url");
      await insertSandbox(pool(), id, null, splitMeta(sim.stateMeta(c.state)), c.changes.appended);
      return id;
    };
    const fullBuild = await timed(3, (i) =>
      sim.createClusterSandbox({ seed: `build-${i}`, now: at(i), template: false }),
    );
    await store("warmup", 0);
    const pure = await timed(ROUNDS, (i) =>
      sim.createClusterSandbox({ seed: `pure-${i}`, now: at(i) }),
    );
    const ids: string[] = [];
    const withDb = await timed(ROUNDS, async (i) => ids.push(await store(`db-${i}`, i)));
    const sizes = await Promise.all(ids.slice(0, 10).map((id) => sandboxStorageBytes(id)));

    const deployment = hundredReplicaDeployment("nginx:1.25");
    const firstSettle: number[] = [];
    const secondSettle: number[] = [];
    const available: number[] = [];
    for (let i = 0; i < Math.min(ROUNDS, 10); i++) {
      const base = sim.createClusterSandbox({ seed: `deploy-${i}`, now });
      let t = performance.now();
      const r = postDeployment(sim, base.state, deployment, now, engine);
      firstSettle.push(performance.now() - t);
      t = performance.now();
      const later = sim.advanceTime(r.state, now + 5_000, engine);
      secondSettle.push(performance.now() - t);
      const d = getObject(later.state, "apps", "deployments", "default", "web");
      available.push(
        Number((d?.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0),
      );
    }

    // The same Deployment with an image every node already holds (kubeadm preloads pause):
    // no pull to wait for, so the pods run - and the Deployment is Available - in one settle.
    const preloaded = hundredReplicaDeployment("registry.k8s.io/pause:3.9");
    const oneSettle: number[] = [];
    // CPU time of the same settle: on a shared machine wall time also counts the waits for a core.
    const oneSettleCpu: number[] = [];
    // The main thread's share: V8's GC helper and compiler threads add 25-45 % to the above and
    // vary from settle to settle (lib/sim/README.md, session 8).
    const oneSettleMain: number[] = [];
    const availableAtOnce: number[] = [];
    const requestsPerPod: number[] = [];
    for (let i = 0; i < Math.min(ROUNDS, 10); i++) {
      const base = sim.createClusterSandbox({ seed: `preloaded-${i}`, now });
      const t = performance.now();
      const cpu = process.cpuUsage();
      const main = mainThreadCpuMs();
      const r = postDeployment(sim, base.state, preloaded, now, engine);
      oneSettle.push(performance.now() - t);
      oneSettleMain.push(mainThreadCpuMs() - main);
      const used = process.cpuUsage(cpu);
      oneSettleCpu.push((used.user + used.system) / 1000);
      requestsPerPod.push(r.audit.length / 100);
      const d = getObject(r.state, "apps", "deployments", "default", "web");
      availableAtOnce.push(
        Number((d?.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0),
      );
    }

    const rows: [string, string, string][] = [
      [
        "default cluster, full build (the template, once per process)",
        `${median(fullBuild).toFixed(1)} ms`,
        "-",
      ],
      ["default cluster, engine only (no DB)", `${median(pure).toFixed(1)} ms`, "-"],
      ["default cluster with Postgres", `${median(withDb).toFixed(1)} ms`, "≤ 50 ms"],
      [
        "100 replicas, image to pull: settle after the create",
        `${median(firstSettle).toFixed(1)} ms`,
        "-",
      ],
      [
        "  … settle after the pull (+5 s virtual)",
        `${median(secondSettle).toFixed(1)} ms`,
        "≤ 100 ms",
      ],
      ["  … available after it", `${median(available)}`, "100"],
      [
        "100 replicas, image on the nodes: one settle",
        `${median(oneSettle).toFixed(1)} ms`,
        "≤ 100 ms",
      ],
      ["  … CPU time of that settle", `${median(oneSettleCpu).toFixed(1)} ms`, "-"],
      ["  … of it on the main thread", `${median(oneSettleMain).toFixed(1)} ms`, "-"],
      ["  … available after that one settle", `${median(availableAtOnce)}`, "100"],
      ["  … API requests per pod in it", `${median(requestsPerPod).toFixed(1)}`, "-"],
      ["fresh default cluster stored size", `${(median(sizes) / 1024).toFixed(1)} KiB`, "≤ 64 KiB"],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(describeMode(mode));
    console.log(
      `cluster benchmark (medians, ${ROUNDS} rounds; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs)`,
    );
    for (const [label, value, target] of rows)
      console.log(`${label.padEnd(width)}  ${value.padStart(10)}  ${target}`);
    await closePool();
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
