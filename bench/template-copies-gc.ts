// npx tsx bench/template-copies-gc.ts --trees=<checkout A>,<checkout B> [--sandboxes=300] [--rounds=2]
// A full GC's cost with many sandboxes made from the default cluster's template, as a worker's
// sandbox cache holds them (every row decoded), in two checkouts of the project: an A/B of
// how the engine keeps per-row memos (session 18: a template copy's origin as WeakMap entries
// against a property of the row). Each side runs in its own process (node --expose-gc
// --trace-gc-nvp, cwd the checkout so its own sources are imported), alternating A B B A per
// round so the shared machine's drift falls on both; each process makes --sandboxes copies at
// distinct times, decodes every row, then runs 5 full gc() calls with all of it reachable and
// prints their median wall and CPU time and V8's median mark.ephemeron.marking and
// clear.weak_collections of those collections. Compare the CPU time: in a forced gc() (not
// incremental) V8 does nearly all its marking inside the ephemeron fixpoint's phase, so that
// phase's time is the whole marking's, not the WeakMaps' share; and wall time on a loaded
// machine is mostly waiting for a core.
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const median = (l: number[]) => [...l].sort((a, b) => a - b)[l.length >> 1]!;

async function child(tree: string, sandboxes: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  const from = (p: string) => import(pathToFileURL(path.join(tree, p)).href);
  const { createClusterSandbox } = await from("lib/sim/cluster/default-cluster.ts");
  const { TEMPLATE_TIME } = await from("lib/sim/cluster/cluster-template.ts");
  const { decodeRow } = await from("lib/sim/apiserver/handler/codec.ts");
  const { logRows } = await from("lib/sim/store/types.ts");
  const kept: unknown[] = [];
  let rows = 0;
  for (let i = 0; i < sandboxes; i++) {
    const s = createClusterSandbox({ seed: `gc-${i}`, now: TEMPLATE_TIME + (i + 1) * 1000 });
    for (const row of logRows(s.state.store.log)) {
      decodeRow(row);
      rows++;
    }
    kept.push(s);
  }
  gc();
  // The collections measured: V8 prints each one's phases (--trace-gc-nvp) after this marker.
  console.log("#measured");
  const times: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    const c = process.cpuUsage();
    gc();
    const used = process.cpuUsage(c);
    times.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  console.log(
    JSON.stringify({
      ms: median(times),
      cpuMs: median(cpu),
      rows,
      sandboxes: kept.length,
    }),
  );
}

function nvp(stdout: string, field: string): number {
  const after = stdout.slice(stdout.indexOf("#measured"));
  const values = [...after.matchAll(new RegExp(`gc=mc .*?\\b${field}=([0-9.]+)`, "g"))].map((m) =>
    Number(m[1]),
  );
  return values.length ? median(values) : NaN;
}

async function main(): Promise<void> {
  const sandboxes = Number(option("sandboxes", "300"));
  const childTree = option("child", "");
  if (childTree) return child(childTree, sandboxes);
  const trees = option("trees", "").split(",").filter(Boolean);
  if (trees.length !== 2) throw new Error("--trees=<checkout A>,<checkout B>");
  const rounds = Number(option("rounds", "2"));
  const results = trees.map(() => ({
    ms: [] as number[],
    cpu: [] as number[],
    eph: [] as number[],
    weak: [] as number[],
  }));
  const before = loadavg()[0]!;
  let rows = 0;
  for (let r = 0; r < rounds; r++) {
    for (const i of [0, 1, 1, 0]) {
      const tree = path.resolve(trees[i]!);
      const out = spawnSync(
        process.execPath,
        [
          "--expose-gc",
          "--trace-gc-nvp",
          "--import",
          "tsx",
          import.meta.filename,
          `--child=${tree}`,
          `--sandboxes=${sandboxes}`,
        ],
        { encoding: "utf8", cwd: tree, maxBuffer: 256 * 1024 * 1024 },
      );
      if (out.status !== 0) throw new Error(out.stderr);
      const last = JSON.parse(out.stdout.split("\n").findLast((l) => l.startsWith("{"))!) as {
        ms: number;
        cpuMs: number;
        rows: number;
      };
      rows = last.rows;
      results[i]!.ms.push(last.ms);
      results[i]!.cpu.push(last.cpuMs);
      results[i]!.eph.push(nvp(out.stdout, "mark.ephemeron.marking"));
      results[i]!.weak.push(nvp(out.stdout, "clear.weak_collections"));
    }
  }
  const fmt = (l: number[]) => l.map((v) => v.toFixed(1)).join(", ");
  console.log(
    `${sandboxes} sandboxes from the template, ${rows} rows decoded; full gc() per process, median of 5 (ABBA × ${rounds}, load ${before.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}):`,
  );
  trees.forEach((t, i) => {
    const r = results[i]!;
    console.log(`  ${t}`);
    console.log(`    wall ms: ${fmt(r.ms)}; median ${median(r.ms).toFixed(1)}`);
    // CPU time of all the process's threads (the GC's helpers too): what descheduling on a
    // loaded machine does not add to.
    console.log(`    CPU ms: ${fmt(r.cpu)}; median ${median(r.cpu).toFixed(1)}`);
    console.log(`    mark.ephemeron.marking ms: ${fmt(r.eph)}; median ${median(r.eph).toFixed(1)}`);
    console.log(
      `    clear.weak_collections ms: ${fmt(r.weak)}; median ${median(r.weak).toFixed(1)}`,
    );
  });
}

await main();
