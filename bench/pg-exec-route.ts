// npx tsx bench/pg-exec-route.ts [--sandboxes=10] [--rounds=4] [--gap-ms=1100]
// The exec route's statements and PostgreSQL CPU per terminal command, full path
// against the instance's cached owner grant (lib/terminal/sandbox-grant-cache.ts),
// interleaved in one process on one throwaway database; the modes take turns per
// round (ABBA). Each learner runs bench/pg-per-command.ts's script the way the route
// does after its session check: "full" reads the user and sandbox row in one query
// (requireSandboxRequester's SQL: the route module itself does not load under tsx,
// next-auth's providers being CommonJS) and runs the command with the version read;
// "cached" runs it with the owner guard and no query before it. Every command first
// catches up (≥ --gap-ms per sandbox), as under load.
import { performance } from "node:perf_hooks";
import { treeUsage } from "./load/process-stats";
import { installPgCounter, pgUsage } from "./pg-usage";
import { withBenchDatabase } from "./with-database";
import { PG_BENCH_SCRIPT } from "./pg-script";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}
const sandboxes = Number(option("sandboxes", "10"));
const rounds = Number(option("rounds", "4"));
const gapMs = Number(option("gap-ms", "1100"));

const SCRIPT = PG_BENCH_SCRIPT;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  installPgCounter();
  await withBenchDatabase("kubelab_bench_pg_exec_route", async () => {
    const { runTerminalCommand, userSandbox } = await import("../lib/terminal");
    const { decideSandboxAccess } = await import("../lib/terminal/sandbox-access");
    const { db } = await import("../lib/db/client");
    const { pool, closePool } = await import("../lib/db/sandboxes/pool");
    type Learner = { id: string; userId: string };
    const learners: Learner[] = [];
    for (let i = 0; i < sandboxes; i++) {
      const u = await db().user.create({
        data: { email: `er-${Date.now()}-${i}@bench.test`, name: `e${i}` },
      });
      learners.push({ id: await userSandbox(u.id), userId: u.id });
    }
    const run = async (l: Learner, command: string, mode: "full" | "cached") => {
      let extras;
      if (mode === "full") {
        const { rows } = await pool().query(
          `SELECT u."id", u."email", u."name", u."role", s."ownerId", s."labId", s."version"
           FROM "User" u LEFT JOIN "Sandbox" s ON s."id" = $2 WHERE u."id" = $1`,
          [l.userId, l.id],
        );
        const { version, ...owner } = await decideSandboxAccess(rows[0], rows[0], "write");
        extras = { owner, knownVersion: version };
      } else {
        extras = { owner: { ownerId: l.userId, workspace: "sandbox" }, guard: l.userId };
      }
      await runTerminalCommand(l.id, command, {}, undefined, extras);
    };
    for (const l of learners) await run(l, "kubectl get nodes", "full"); // warm-up
    const last = new Map(learners.map((l) => [l.id, performance.now()]));
    const modes = ["full", "cached"] as const;
    const tally = Object.fromEntries(
      modes.map((m) => [m, { commands: 0, statements: 0, pgCpu: 0, appCpu: 0 }]),
    );
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? modes : ([...modes].reverse() as (typeof modes)[number][]);
      for (const mode of order) {
        const t = tally[mode]!;
        for (let c = 0; c < SCRIPT.length; c++) {
          const line = SCRIPT[c]!.replace("$n", `${mode}${round}`);
          for (const l of learners) {
            const wait = last.get(l.id)! + gapMs - performance.now();
            if (wait > 0) await sleep(wait);
            const usage = pgUsage();
            const cpu = process.cpuUsage();
            const tree = treeUsage(process.pid).cpuSeconds;
            await run(l, line, mode);
            const app = process.cpuUsage(cpu);
            const appS = (app.user + app.system) / 1e6;
            t.pgCpu += treeUsage(process.pid).cpuSeconds - tree - appS;
            t.appCpu += appS;
            t.statements += pgUsage().statements - usage.statements;
            t.commands++;
            last.set(l.id, performance.now());
          }
        }
      }
    }
    console.log(
      `## exec route: ${sandboxes} learners × ${SCRIPT.length} commands × ${rounds} rounds per mode (ABBA), ≥ ${gapMs} ms apart per sandbox`,
    );
    for (const m of modes) {
      const t = tally[m]!;
      const per = (v: number) => ((v * 1e3) / t.commands).toFixed(2);
      console.log(
        `${m}: ${(t.statements / t.commands).toFixed(2)} statements per command; CPU per command: postgres ${per(t.pgCpu)} ms, app ${per(t.appCpu)} ms`,
      );
    }
    await closePool();
    await db().$disconnect();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
