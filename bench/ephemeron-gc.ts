// npx tsx bench/ephemeron-gc.ts [--rows=150000] [--rounds=2]
// What a full GC pays for objects kept as WeakMap values (ephemerons) against the same objects
// kept as a property of their key. codec.ts keeps each stored row's decoded object with the
// row; a worker's sandbox cache holds ~10^5 such rows, and under bench:load's paced phase the
// full GC's final pause spent up to 0.38 s in V8's ephemeron fixpoint (--trace-gc-nvp's
// mark.ephemeron.marking, bench/load/stall-profile.ts). Each side runs in its own process
// (node --expose-gc), alternating weakmap/property/property/weakmap per round so the shared
// machine's drift falls on both; each process builds `rows` rows with a pod-like decoded
// object each, then times 5 full gc() calls (median printed) with all of it still reachable.
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

type Mode = "weakmap" | "property";

function decoded(i: number) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `p${i}`,
      namespace: "default",
      labels: { app: "web", tier: "front" },
      resourceVersion: String(i),
    },
    spec: {
      containers: [{ name: "c", image: "nginx", ports: [{ containerPort: 80 }] }],
      nodeName: "node-1",
    },
    status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] },
  };
}

function child(mode: Mode, rows: number): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  const kept = new WeakMap<object, object>();
  const DECODED = Symbol("decoded");
  const all: object[] = [];
  for (let i = 0; i < rows; i++) {
    const row = { revision: i, key: `/registry/pods/default/p${i}`, value: "{}", version: 1 };
    if (mode === "weakmap") kept.set(row, decoded(i));
    else Object.defineProperty(row, DECODED, { value: decoded(i), writable: true });
    all.push(row);
  }
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    gc();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  // Both stay reachable until here (printed), so every gc() above marked all of them.
  console.log(JSON.stringify({ ms: times[2], rows: all.length, map: kept.has(all[0]!) }));
}

function main(): void {
  const rows = Number(option("rows", "150000"));
  const childMode = option("child", "");
  if (childMode) return child(childMode as Mode, rows);
  const rounds = Number(option("rounds", "2"));
  const results: Record<Mode, number[]> = { weakmap: [], property: [] };
  const before = loadavg()[0]!;
  for (let r = 0; r < rounds; r++) {
    for (const mode of ["weakmap", "property", "property", "weakmap"] as Mode[]) {
      const out = spawnSync(
        process.execPath,
        [
          "--expose-gc",
          "--import",
          "tsx",
          import.meta.filename,
          `--child=${mode}`,
          `--rows=${rows}`,
        ],
        { encoding: "utf8" },
      );
      if (out.status !== 0) throw new Error(out.stderr);
      results[mode].push((JSON.parse(out.stdout.trim()) as { ms: number }).ms);
    }
  }
  const fmt = (l: number[]) => l.map((v) => v.toFixed(0)).join(", ");
  const median = (l: number[]) => [...l].sort((a, b) => a - b)[l.length >> 1]!;
  console.log(
    `${rows} rows, full gc() median ms per process (ABBA × ${rounds}, load ${before.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}):`,
  );
  console.log(
    `  WeakMap values (ephemerons): ${fmt(results.weakmap)}; median ${median(results.weakmap).toFixed(0)}`,
  );
  console.log(
    `  row property:                ${fmt(results.property)}; median ${median(results.property).toFixed(0)}`,
  );
}

main();
