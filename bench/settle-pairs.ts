// npx tsx bench/settle-pairs.ts --a=<dir> --b=<dir> [--pairs=6] [--runs=40] [--last=30]
//                               [--node-a="--flag"] [--node-b="--flag"]
// Paired A/B of the 100-replica one settle (bench/settle-profile.ts --bundle --gc): each pair
// runs A and B at the same time (alternating which starts first), so both meet the same
// machine. On this shared 2-core VM, processes run one after another differ by up to 40 % in
// the same code (the neighbours' load moves from minute to minute) while two processes run
// side by side agree within a few percent (#4: the "bimodal" medians between processes).
// --a / --b are checkouts (e.g. `git worktree add --detach /tmp/base <commit>` with a
// node_modules symlink); both default to this one (then compare node flags with --node-*).
// Prints per pair the main thread's CPU median over the last settles (the JavaScript; the
// other threads are V8's GC helpers and compiler), the process's, the wall time's (what
// bench:cluster's target is stated in: main thread + GC pauses waiting for helpers + the kernel),
// the digests, and the median of the B/A ratios.
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dirA = path.resolve(option("a", here));
const dirB = path.resolve(option("b", here));
const pairs = Number(option("pairs", "6"));
const runs = Number(option("runs", "40"));
const last = Number(option("last", "30"));
const flagsA = option("node-a", "").split(" ").filter(Boolean);
const flagsB = option("node-b", "").split(" ").filter(Boolean);

interface Side {
  main: number;
  cpu: number;
  wall: number;
  digest: string;
}

function median(values: number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The numbers of an output line `label [a b c]`, the last `last` of them. */
function series(out: string, label: string): number[] {
  const line = out.split("\n").find((l) => l.includes(label));
  const list = line?.match(/\[([^\]]*)\]/)?.[1] ?? "";
  return list.split(" ").filter(Boolean).map(Number).slice(-last);
}

function runSide(dir: string, flags: string[]): Promise<Side> {
  const args = [
    ...flags,
    "--import",
    "tsx",
    "bench/settle-profile.ts",
    "--bundle",
    "--gc",
    `--runs=${runs}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${dir}: exit ${code}\n${out}`));
      resolve({
        main: median(series(out, "main thread ms")),
        cpu: median(series(out, "CPU  median")),
        wall: median(series(out, "wall median")),
        digest: out.match(/digest ([0-9a-f]+)/)?.[1] ?? "?",
      });
    });
  });
}

console.log(`A ${dirA} ${flagsA.join(" ")}\nB ${dirB} ${flagsB.join(" ")}`);
console.log(`${pairs} pairs, ${runs} settles each, medians of the last ${last}`);
const ratios: number[] = [];
const cpuRatios: number[] = [];
const wallRatios: number[] = [];
for (let k = 0; k < pairs; k++) {
  // Side by side; which one is spawned first alternates.
  let a: Side;
  let b: Side;
  if (k % 2 === 0) [a, b] = await Promise.all([runSide(dirA, flagsA), runSide(dirB, flagsB)]);
  else [b, a] = await Promise.all([runSide(dirB, flagsB), runSide(dirA, flagsA)]);
  ratios.push(b.main / a.main);
  cpuRatios.push(b.cpu / a.cpu);
  wallRatios.push(b.wall / a.wall);
  console.log(
    `pair ${k + 1}: main A ${a.main.toFixed(0)} B ${b.main.toFixed(0)} ms (B/A ${(b.main / a.main).toFixed(3)}), ` +
      `process A ${a.cpu.toFixed(0)} B ${b.cpu.toFixed(0)} ms, wall A ${a.wall.toFixed(0)} B ${b.wall.toFixed(0)} ms, ` +
      `load ${loadavg()[0]!.toFixed(1)}, digests ${a.digest} ${b.digest}`,
  );
}
console.log(
  `median B/A: main thread ${median(ratios).toFixed(3)} [${Math.min(...ratios).toFixed(3)}, ${Math.max(...ratios).toFixed(3)}], ` +
    `process ${median(cpuRatios).toFixed(3)}, wall ${median(wallRatios).toFixed(3)} ` +
    `[${Math.min(...wallRatios).toFixed(3)}, ${Math.max(...wallRatios).toFixed(3)}]`,
);
