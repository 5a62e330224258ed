// npx tsx bench/lab-insert-pg.ts [--lab=cluster-anatomy] [--batches=8] [--per=50]
// A new lab sandbox's insert, Postgres's side: the same copies of the lab's template
// inserted as before (the whole `meta`, world.staticPods inside it) and with the
// template's static pod manifests as a shared part (lib/db/sandboxes/shared-parts.ts),
// the two taking turns batch by batch (ABBA) in one process against one embedded
// Postgres. Prints Postgres's CPU (its process tree, /proc) and this process's CPU per
// insert, and the bytes stored per sandbox (the Sandbox row with its TOAST, from
// pg_column_size; the SandboxKv rows are the same in both and not counted), then the
// CPU of a cold load (lib/db/sandboxes/load.ts) of each, also taking turns.
import { randomBytes, randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { treeUsage } from "./load/process-stats";
import { withBenchDatabase } from "./with-database";
import { serverPid } from "./load/postgres-server";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const labId = option("lab", "cluster-anatomy");
const batches = Number(option("batches", "8"));
const per = Number(option("per", "50"));

async function main(): Promise<void> {
  await withBenchDatabase(`kubelab_bench_lab_insert_${process.pid}`, async () => {
    const { db } = await import("../lib/db/client");
    const { pool } = await import("../lib/db/sandboxes/pool");
    const { insertSandbox } = await import("../lib/db/sandboxes/rows");
    const { splitMeta } = await import("../lib/db/sandboxes/meta-split");
    const { insertMetaOf } = await import("../lib/db/sandboxes/shared-parts");
    const { stateMeta } = await import("../lib/sim");
    const { requireLab } = await import("../lib/labs/catalog");
    const { drawParams } = await import("../lib/labs/params");
    const { labStartFor } = await import("../lib/labs/start/lab-start-template");
    const pgPid = await serverPid(db());
    const lab = requireLab(labId);
    const users = Array.from({ length: batches * per }, () => ({
      id: randomUUID(),
      email: `insert-${randomUUID()}@bench.kubelab.dev`,
      name: "학습자",
    }));
    await db().user.createMany({ data: users });
    const variants = {
      whole: (s: ReturnType<typeof labStartFor>) => splitMeta(stateMeta(s.state)),
      shared: (s: ReturnType<typeof labStartFor>) => insertMetaOf(s.state, s.podsTemplate),
    } as const;
    const totals = { whole: { pg: 0, app: 0, n: 0 }, shared: { pg: 0, app: 0, n: 0 } };
    const ids = { whole: [] as string[], shared: [] as string[] };
    // A warm-up batch of each (template build, prepared statements, JIT) not counted.
    let next = 0;
    const batch = async (name: keyof typeof variants, count: boolean) => {
      const starts = Array.from({ length: per }, () => {
        const u = users[next++ % users.length]!;
        return {
          u,
          start: labStartFor(
            lab,
            drawParams(u.id, labId, lab.sample.params),
            randomBytes(16).toString("hex"),
            Date.now(),
          ),
        };
      });
      const pg0 = treeUsage(pgPid).cpuSeconds;
      const app0 = process.cpuUsage();
      for (const { u, start } of starts) {
        const id = randomUUID();
        // Not a lab sandbox (labId null): the same learner may get several.
        await insertSandbox(pool(), id, u.id, variants[name](start), start.rows);
        if (count) ids[name].push(id);
      }
      const app = process.cpuUsage(app0);
      if (!count) return;
      totals[name].pg += treeUsage(pgPid).cpuSeconds - pg0;
      totals[name].app += (app.user + app.system) / 1e6;
      totals[name].n += per;
    };
    await batch("whole", false);
    await batch("shared", false);
    for (let i = 0; i < batches; i++) {
      const order: (keyof typeof variants)[] =
        i % 2 === 0 ? ["whole", "shared"] : ["shared", "whole"];
      for (const name of order) await batch(name, true);
    }
    console.log(
      `${labId}: ${batches} batches of ${per} inserts each way (ABBA); load ${loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")}`,
    );
    for (const name of ["whole", "shared"] as const) {
      const t = totals[name];
      const { rows } = await pool().query<{ bytes: string; meta: string }>(
        `SELECT avg(pg_column_size(s.*))::int8::text AS bytes, avg(pg_column_size(s."meta"))::int8::text AS meta
         FROM "Sandbox" s WHERE s."id" = ANY($1::text[])`,
        [ids[name]],
      );
      console.log(
        `${name.padEnd(6)} postgres ${((t.pg * 1000) / t.n).toFixed(2)} ms + this process ${((t.app * 1000) / t.n).toFixed(2)} ms CPU per insert; Sandbox row ${rows[0]!.bytes} B stored (meta ${rows[0]!.meta} B)`,
      );
    }
    // Cold loads of the same sandboxes (another instance's first command), ABBA.
    const { load } = await import("../lib/db/sandboxes/load");
    const loads = { whole: { pg: 0, app: 0, n: 0 }, shared: { pg: 0, app: 0, n: 0 } };
    const chunk = Math.max(1, Math.floor(per / 2));
    for (let i = 0; i * chunk < Math.min(ids.whole.length, ids.shared.length); i++) {
      const order: (keyof typeof variants)[] =
        i % 2 === 0 ? ["whole", "shared"] : ["shared", "whole"];
      for (const name of order) {
        const some = ids[name].slice(i * chunk, (i + 1) * chunk);
        const pg0 = treeUsage(pgPid).cpuSeconds;
        const app0 = process.cpuUsage();
        for (const id of some) await load(id);
        const app = process.cpuUsage(app0);
        loads[name].pg += treeUsage(pgPid).cpuSeconds - pg0;
        loads[name].app += (app.user + app.system) / 1e6;
        loads[name].n += some.length;
      }
    }
    for (const name of ["whole", "shared"] as const) {
      const t = loads[name];
      console.log(
        `${name.padEnd(6)} cold load: postgres ${((t.pg * 1000) / t.n).toFixed(2)} ms + this process ${((t.app * 1000) / t.n).toFixed(2)} ms CPU per load (${t.n})`,
      );
    }
    const { rows: sh } = await pool().query<{ n: number; bytes: string }>(
      `SELECT count(*)::int AS n, COALESCE(sum(pg_column_size(p.*)), 0)::text AS bytes FROM "SandboxShared" p`,
    );
    console.log(`shared rows: ${sh[0]!.n}, ${sh[0]!.bytes} B in all`);
  });
  process.exit(0);
}

void main();
