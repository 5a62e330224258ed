// npx tsx bench/heap-profile-summary.ts <file.heapprofile> [--top=30]
// Sums a V8 sampling heap profile (node --heap-prof, written at exit: the
// allocations still live then) by allocating function and by source file, and
// inclusively by function (each stack counted once): what a soak left on the heap.
import { readFileSync } from "node:fs";

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children?: HeapNode[];
}

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

function shortFile(url: string): string {
  const clean = url.replace(/^file:\/\//, "");
  const i = clean.search(/\/(node_modules|\.next|lib|app|bench)\//);
  return i >= 0 ? clean.slice(i + 1) : clean || "(native)";
}

const frameName = (n: HeapNode) =>
  `${n.callFrame.functionName || "(anonymous)"} ${shortFile(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const file = process.argv[2];
if (!file) {
  console.error("usage: tsx bench/heap-profile-summary.ts <file.heapprofile> [--top=30]");
  process.exit(1);
}
const top = Number(option("top", "30"));
const profile = JSON.parse(readFileSync(file, "utf8")) as { head: HeapNode };
const self = new Map<string, number>();
const byFile = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;

/** Returns the subtree's bytes; adds them to each function once per stack. */
function walk(node: HeapNode, onStack: Set<string>): number {
  const name = frameName(node);
  self.set(name, (self.get(name) ?? 0) + node.selfSize);
  const f = shortFile(node.callFrame.url);
  byFile.set(f, (byFile.get(f) ?? 0) + node.selfSize);
  total += node.selfSize;
  const fresh = !onStack.has(name);
  if (fresh) onStack.add(name);
  let sum = node.selfSize;
  for (const c of node.children ?? []) sum += walk(c, onStack);
  if (fresh) {
    onStack.delete(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + sum);
  }
  return sum;
}
walk(profile.head, new Set());

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1).padStart(8)} MiB`;
const pct = (b: number) => `${((100 * b) / Math.max(1, total)).toFixed(1).padStart(5)}%`;
const print = (title: string, m: Map<string, number>) => {
  console.log(`\n## ${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${mib(v)} ${pct(v)}  ${k}`);
  }
};
console.log(`live sampled heap: ${mib(total)}`);
print("self by file", byFile);
print("self by function", self);
print("inclusive by function", inclusive);
