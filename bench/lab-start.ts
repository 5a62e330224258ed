// Lab sandbox benchmark (issue #11's load section): what opening a lab's sandbox
// costs - GET /api/labs/:labId/sandbox builds the lab's start for the learner and
// inserts it. Per lab of content/, printed as CPU and wall milliseconds of this
// process (Postgres's own CPU is not counted):
//   - first: the first learner of the lab in this process
//   - next: the median of the following learners (LEARNERS, default 7), measured
//     after every lab's first learner
//   - and, for one extra learner, the parts: build (the lab's start as a value),
//     encode (stored rows and metadata), insert (the SQL round trip)
//   - rebuilt: the median of the path before lab templates (every learner's start
//     built from the default cluster, inserted in a transaction), measured in the
//     same run and under the same load (REBUILT=0 skips it)
//   npm run bench:lab-start
// Uses DATABASE_URL when set (a scratch database is created on that server),
// otherwise starts a throwaway embedded PostgreSQL.
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { withBenchDatabase } from "./with-database";

const LEARNERS = Number(process.env.LEARNERS ?? 7);
const REBUILT = process.env.REBUILT !== "0";

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface Cost {
  cpu: number;
  wall: number;
}

async function measure(fn: () => Promise<unknown> | unknown): Promise<Cost> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall };
}

const fmt = (c: Cost) => `${c.cpu.toFixed(1).padStart(8)} ${c.wall.toFixed(1).padStart(8)}`;

async function main() {
  await withBenchDatabase(`kubelab_bench_lab_start_${process.pid}`, async () => {
    const { db } = await import("../lib/db/client");
    const { allLabs } = await import("../lib/labs/catalog");
    const { drawParams } = await import("../lib/labs/params");
    const { labSandbox } = await import("../lib/labs/server/lab-sandbox");
    const { labStartFor } = await import("../lib/labs/start/lab-start-template");
    const { stateMeta } = await import("../lib/sim");
    const { splitMeta } = await import("../lib/db/sandboxes/meta-split");
    const { packValues, insertSandbox } = await import("../lib/db/sandboxes/rows");
    const { pool, closePool, transaction } = await import("../lib/db/sandboxes/pool");
    const { buildLabStart } = await import("../lib/labs/start/build-start");
    const { instantiateLab } = await import("../lib/labs/load-labs");
    // The path before templates: lib/labs/server/lab-sandbox.ts as of commit 0e853ee.
    const rebuilt = async (userId: string, labId: string, lab: (typeof labs)[number]) => {
      const { def } = instantiateLab(lab, userId);
      const wall = Date.now();
      const start = buildLabStart(def, randomBytes(16).toString("hex"), wall);
      const id = randomBytes(12).toString("base64url");
      const meta = splitMeta(stateMeta(start.state));
      const offset = BigInt(start.state.time - wall);
      await transaction(async (c) => {
        await insertSandbox(c, id, userId, meta, start.rows);
        await c.query(`UPDATE "Sandbox" SET "labId" = $2, "timeOffsetMs" = $3 WHERE "id" = $1`, [
          id,
          labId,
          offset.toString(),
        ]);
      });
    };
    const labs = allLabs();
    const prisma = db();

    let n = 0;
    const newUser = async () => {
      const u = await prisma.user.create({
        data: { email: `lab-start-${process.pid}-${n++}@example.test`, name: "학습자" },
      });
      return u.id;
    };

    const load = () =>
      loadavg()
        .map((x) => x.toFixed(2))
        .join(" ");
    console.log(`lab-start bench: ${cpus().length} cores, load average ${load()}`);
    console.log(
      `${"lab".padEnd(20)} ${"first cpu".padStart(9)} ${"wall".padStart(8)} | ${"next cpu".padStart(8)} ${"wall".padStart(8)} | parts of one more (cpu ms): build, encode, insert`,
    );
    const nextCpu: number[] = [];
    // Warm-up outside the figures: the default-cluster template every lab starts from
    // (built before lab templates too) and the copy/encode/insert code paths (JIT).
    const { createClusterSandbox } = await import("../lib/sim/cluster/default-cluster");
    const warm = await measure(() => createClusterSandbox({ seed: "warm", now: Date.now() }));
    for (let i = 0; i < 30; i++) {
      const sb = createClusterSandbox({ seed: `warm-${i}`, now: Date.now() });
      const rows = [...sb.changes.appended];
      await transaction((c) =>
        insertSandbox(
          c,
          randomBytes(12).toString("base64url"),
          null,
          splitMeta(stateMeta(sb.state)),
          rows,
        ),
      );
    }
    console.log(`warm-up: default-cluster template ${warm.cpu.toFixed(0)} ms cpu`);
    const rebuiltCpu: number[] = [];
    // Every lab's first learner, then (with every lab's template there, as in a process
    // that has served them all) each lab's next learners.
    const firsts = new Map<string, Cost>();
    for (const lab of labs)
      firsts.set(lab.id, await measure(async () => labSandbox(await newUser(), lab.id)));
    for (const lab of labs) {
      const first = firsts.get(lab.id)!;
      const next: Cost[] = [];
      for (let i = 0; i < LEARNERS; i++) {
        const user = await newUser();
        next.push(await measure(() => labSandbox(user, lab.id)));
      }
      const nextMedian = {
        cpu: median(next.map((c) => c.cpu)),
        wall: median(next.map((c) => c.wall)),
      };
      nextCpu.push(nextMedian.cpu);
      // The parts, for one more learner, as createLabSandbox does them.
      const user = await newUser();
      let start: ReturnType<typeof labStartFor> | undefined;
      const build = await measure(() => {
        const params = drawParams(user, lab.id, lab.sample.params);
        start = labStartFor(lab, params, randomBytes(16).toString("hex"), Date.now());
      });
      let meta: { cold: string; hot: string } | undefined;
      const encode = await measure(() => {
        meta = splitMeta(stateMeta(start!.state));
        packValues(start!.rows);
      });
      const client = await pool().connect();
      const insert = await measure(() =>
        insertSandbox(client, randomBytes(12).toString("base64url"), user, meta!, start!.rows),
      );
      client.release();
      let old = "";
      if (REBUILT) {
        const costs: Cost[] = [];
        for (let i = 0; i < LEARNERS; i++) {
          const u = await newUser();
          costs.push(await measure(() => rebuilt(u, lab.id, lab)));
        }
        const m = { cpu: median(costs.map((c) => c.cpu)), wall: median(costs.map((c) => c.wall)) };
        rebuiltCpu.push(m.cpu);
        old = ` | rebuilt ${fmt(m)}`;
      }
      console.log(
        `${lab.id.padEnd(20)} ${fmt(first)}  | ${fmt(nextMedian)} | ${build.cpu.toFixed(1)}, ${encode.cpu.toFixed(1)}, ${insert.cpu.toFixed(1)} (${start!.rows.length} rows)${old}`,
      );
    }
    console.log(
      `median over labs of the next learners' cpu: ${median(nextCpu).toFixed(1)} ms; worst lab ${Math.max(...nextCpu).toFixed(1)} ms`,
    );
    if (REBUILT)
      console.log(
        `median over labs of the rebuilt path's cpu: ${median(rebuiltCpu).toFixed(1)} ms; worst lab ${Math.max(...rebuiltCpu).toFixed(1)} ms`,
      );
    console.log(`load average at the end ${load()}`);
    await closePool();
    await prisma.$disconnect();
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
