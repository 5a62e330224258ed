// npx tsx bench/log-pack.ts [--rounds=3] [--iterations=200]
// The log pack of a write (lib/db/sandboxes/log-pack.ts) on real entries: runs the load
// test's command mix (bench/load/learner.ts) in a fresh cluster sandbox, reads back every
// SandboxLog row it wrote, and times packLogEntries over those rows' entries (µs per pack,
// process CPU, median of rounds), with the stored bytes per row. Session 11 (load 16): the
// packs of the mix's reads (< 2 KiB of JSON) 45.1 µs deflated vs 8.1 µs stored as JSON; all
// packs, two runs of each tree alternating (load 10-12): deflate 79.0 / 93.2 µs, Brotli q0
// 60.9 / 64.8 µs, the same stored bytes.
import { loadavg } from "node:os";
import { SCRIPT } from "./load/learner";
import { withBenchDatabase } from "./with-database";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}
const rounds = Number(option("rounds", "5"));
const iterations = Number(option("iterations", "100"));

async function main() {
  await withBenchDatabase(`kubelab_bench_log_pack_${process.pid}`, async () => {
    const { runTerminalCommand, userSandbox } = await import("../lib/terminal");
    const { db } = await import("../lib/db/client");
    const { pool, closePool } = await import("../lib/db/sandboxes/pool");
    const { packLogEntries, unpackLogEntries } = await import("../lib/db/sandboxes/log-pack");
    const user = await db().user.create({
      data: { email: `lp-${Date.now()}@bench.test`, name: "lp" },
    });
    const id = await userSandbox(user.id);
    for (let round = 0; round < 2; round++) {
      for (const step of SCRIPT) {
        await new Promise((r) => setTimeout(r, 120));
        await runTerminalCommand(id, step.command(round));
      }
    }
    const rows = await pool().query<{ packed: Buffer }>(
      `SELECT packed FROM "SandboxLog" WHERE "sandboxId" = $1 AND kind = 'pack' ORDER BY seq`,
      [id],
    );
    const packs = rows.rows.map((r) => unpackLogEntries(r.packed));
    const jsonBytes = packs.reduce(
      (n, p) => n + Buffer.byteLength(JSON.stringify(p.map((e) => [e.kind, e.data]))),
      0,
    );
    const packedBytes = rows.rows.reduce((n, r) => n + r.packed.byteLength, 0);
    const perRound: number[] = [];
    let outBytes = 0;
    for (let round = 0; round < rounds; round++) {
      const t0 = process.cpuUsage();
      outBytes = 0;
      for (let i = 0; i < iterations; i++)
        for (const p of packs) outBytes += packLogEntries(p).byteLength;
      const used = process.cpuUsage(t0);
      perRound.push((used.user + used.system) / (iterations * packs.length));
    }
    const sorted = [...perRound].sort((a, b) => a - b);
    console.log(
      `${packs.length} packs (rows of ${rows.rows.length} requests), ${(jsonBytes / packs.length / 1024).toFixed(1)} KiB JSON and ${(packedBytes / packs.length / 1024).toFixed(2)} KiB stored per pack; load ${loadavg()[0]!.toFixed(1)}`,
    );
    console.log(
      `packLogEntries: ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} µs per pack (rounds ${perRound.map((x) => x.toFixed(1)).join(" / ")}), ${(outBytes / iterations / packs.length / 1024).toFixed(2)} KiB out`,
    );
    await closePool();
    await db().$disconnect();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
