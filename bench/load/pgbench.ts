// The reference figure: what PostgreSQL itself sustains on this machine for the
// built-in "simple-update" script (pgbench -N), run against the same server in
// the same run. The app's write throughput divided by this is the efficiency ratio.
import { spawnSync } from "node:child_process";

function pgBin(name: string): string {
  const r = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  return r.status === 0 ? `${r.stdout.trim()}/${name}` : name;
}

export function pgbenchSimpleUpdateTps(
  url: string,
  opts: { clients: number; seconds: number },
): number | undefined {
  const bin = pgBin("pgbench");
  const env = { ...process.env, PGCONNECT_TIMEOUT: "10" };
  const init = spawnSync(bin, ["-i", "-q", "-s", "4", url], { encoding: "utf8", env });
  if (init.status !== 0) {
    console.error(`pgbench -i failed: ${init.stderr.trim()}`);
    return undefined;
  }
  const run = spawnSync(
    bin,
    [
      "-n",
      "-b",
      "simple-update",
      "-c",
      String(opts.clients),
      "-j",
      "2",
      "-T",
      String(opts.seconds),
      url,
    ],
    { encoding: "utf8", env },
  );
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout);
  if (!tps) {
    console.error(`pgbench failed: ${run.stderr.trim() || run.stdout.trim()}`);
    return undefined;
  }
  return Number(tps[1]);
}
