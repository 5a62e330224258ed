// npx tsx bench/load/gc-nvp-summary.ts <app stdout file>... [--after-s=0]
// Sums V8's --trace-gc-nvp lines per file (one bench:load run each, with
// KUBELAB_BENCH_WORKER_FLAGS=--trace-gc-nvp and KUBELAB_BENCH_APP_STDOUT=<file>): the full GCs'
// (mark-compact) pauses with their ephemeron marking (mark.ephemeron.marking: V8's fixpoint over
// WeakMap values, in the final pause) and clear.weak_collections (dropping dead WeakMap entries),
// and the scavenges (young generation) by length. Runs side by side are an A/B when they were
// interleaved (ABBA) on the same load. --after-s drops each worker's first seconds (its start:
// module loading, the think-time phase's lab opens) by V8's own clock (ms since the isolate began).
import { readFileSync } from "node:fs";
import path from "node:path";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

interface Sums {
  n: number;
  sum: number;
  max: number;
}
const empty = (): Sums => ({ n: 0, sum: 0, max: 0 });
const add = (s: Sums, v: number) => {
  s.n++;
  s.sum += v;
  s.max = Math.max(s.max, v);
};
const mean = (s: Sums) => (s.n ? s.sum / s.n : 0);
const f = (v: number) => v.toFixed(1);

/** One --trace-gc-nvp line: `[pid:isolate]  <ms> ms: pause=… gc=s|mc|… key=value…`. */
const LINE = /^\[(\d+):0x[0-9a-f]+\]\s+(\d+) ms: (pause=.*)$/;

export function summarize(text: string, afterMs: number) {
  const pause = empty();
  const ephemeron = empty();
  const weakCollections = empty();
  const scavenge = empty();
  const longScavenge = empty();
  const pids = new Set<string>();
  for (const line of text.split("\n")) {
    const m = LINE.exec(line);
    if (!m || Number(m[2]) < afterMs) continue;
    const fields = new Map<string, string>();
    for (const kv of m[3]!.split(" ")) {
      const eq = kv.indexOf("=");
      if (eq > 0) fields.set(kv.slice(0, eq), kv.slice(eq + 1));
    }
    const ms = Number(fields.get("pause"));
    const kind = fields.get("gc");
    pids.add(m[1]!);
    if (kind === "s") {
      add(scavenge, ms);
      if (ms >= 20) add(longScavenge, ms);
    } else if (kind === "mc") {
      add(pause, ms);
      add(ephemeron, Number(fields.get("mark.ephemeron.marking") ?? 0));
      add(weakCollections, Number(fields.get("clear.weak_collections") ?? 0));
    }
  }
  return { pids: pids.size, pause, ephemeron, weakCollections, scavenge, longScavenge };
}

function main(): void {
  const files = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const afterMs = Number(option("after-s", "0")) * 1000;
  console.log(
    "| run | processes | full GCs | pause mean/max/sum ms | ephemeron marking mean/max | clear.weak_collections mean/max | scavenges | ≥ 20 ms: n, sum, max |",
  );
  console.log("|---|---:|---:|---|---|---|---:|---|");
  for (const file of files) {
    const s = summarize(readFileSync(file, "utf8"), afterMs);
    console.log(
      `| ${path.basename(file)} | ${s.pids} | ${s.pause.n} | ${f(mean(s.pause))}/${f(s.pause.max)}/${s.pause.sum.toFixed(0)} | ${f(mean(s.ephemeron))}/${f(s.ephemeron.max)} | ${f(mean(s.weakCollections))}/${f(s.weakCollections.max)} | ${s.scavenge.n} (${s.scavenge.sum.toFixed(0)} ms) | ${s.longScavenge.n}, ${s.longScavenge.sum.toFixed(0)} ms, ${f(s.longScavenge.max)} |`,
    );
  }
}

main();
