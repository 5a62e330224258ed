// Terminal command benchmark (issue 5's speed bar): server-side time of typical
// lab commands against a persisted cluster sandbox, as medians.
//   typical command (kubectl get / etcdctl get …) with Postgres   target ≤ 10 ms median
// Uses DATABASE_URL when set (a scratch database is created on that server),
// otherwise starts a throwaway embedded PostgreSQL.
import { withBenchDatabase } from "./with-database";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";

const ROUNDS = Number(process.env.ROUNDS ?? 50);

const COMMANDS = [
  "kubectl get nodes -o wide",
  "kubectl get pods -n kube-system",
  "kubectl get pods -A --show-labels | grep proxy",
  "kubectl get deploy -n kube-system coredns -o yaml",
  "kubectl get --raw=/healthz",
  "etcdctl get --prefix /registry/pods/ --keys-only",
  "kubectl exec -n kube-system etcd-master1 -- etcdctl endpoint health",
  "kubectl label node worker1 bench=1 --overwrite",
];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function main() {
  await withBenchDatabase(`kubelab_bench_cmd_${process.pid}`, async () => {
    // Imported after DATABASE_URL is set: the clients read it on first use.
    const { createUserSandbox, runTerminalCommand } = await import("../lib/terminal");
    const { db } = await import("../lib/db/client");
    const { closePool } = await import("../lib/db/sandboxes/pool");
    const user = await db().user.create({
      data: { email: `bench-${process.pid}@example.test`, name: "bench" },
    });
    const id = await createUserSandbox(user.id, "bench");
    for (const c of COMMANDS) await runTerminalCommand(id, c); // warm-up

    const all: number[] = [];
    const rows: [string, number][] = [];
    for (const command of COMMANDS) {
      const times: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const t = performance.now();
        const r = await runTerminalCommand(id, command);
        times.push(performance.now() - t);
        if (r.exitCode !== 0) throw new Error(`${command} failed: ${r.stderr}`);
      }
      all.push(...times);
      rows.push([command, median(times)]);
    }
    // Where the time goes: one API request alone, and the history insert alone.
    const { sandboxRequest } = await import("../lib/db/sandboxes");
    const { appendHistory } = await import("../lib/terminal/history");
    const { ADMIN_USER } = await import("../lib/sim");
    const part = async (label: string, fn: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const t = performance.now();
        await fn();
        times.push(performance.now() - t);
      }
      rows.push([label, median(times)]);
    };
    await part("(part) one API request: GET /api/v1/nodes", () =>
      sandboxRequest(id, { method: "GET", path: "/api/v1/nodes", user: ADMIN_USER }),
    );
    await part("(part) history insert", () => appendHistory(id, "kubectl get nodes", 0));
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(
      `terminal command benchmark: wall-clock medians over ${ROUNDS} runs each, history included` +
        ` (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs)`,
    );
    for (const [label, ms] of rows)
      console.log(`${label.padEnd(width)}  ${ms.toFixed(2).padStart(8)} ms`);
    console.log(
      `${"all typical commands".padEnd(width)}  ${median(all).toFixed(2).padStart(8)} ms   target ≤ 10 ms`,
    );
    await db().$disconnect();
    await closePool();
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
