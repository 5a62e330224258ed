// What grew in a worker's heap between two sampling heap profiles (memory-log.cjs writes them
// under bench:load with KUBELAB_HEAP_SAMPLE_MS and KUBELAB_HEAP_SAMPLE_DIR):
//   npx tsx bench/load/heap-profile-diff.ts <earlier.heapprofile> <later.heapprofile>
//        [--top=30] [--depth=8]
// Each profile holds the sampled allocations still alive when it was taken, with the stack
// that allocated them; the difference per allocating stack is what the worker kept more of
// (or less) in between. Printed three ways: by the allocating function (top frame), by the
// nearest frame of our own code (lib/, app/, server/: who asked for it - the sandbox cache's
// rows and decodes come from lib/db and lib/sim, Next's own caches from node_modules), and
// by the last --depth frames of the stack.
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  callFrame: CallFrame;
  selfSize: number;
  children: ProfileNode[];
}
interface HeapProfile {
  head: ProfileNode;
}

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith("--"));
const option = (name: string, fallback: number) => {
  const arg = args.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.slice(name.length + 3)) : fallback;
};
const top = option("top", 30);
const depth = option("depth", 8);

// A production build's server chunks are minified: a frame is named through the chunk's
// source map (written beside it) - the original file, line and name where the map has them.
const maps = new Map<string, SourceMap | undefined>();
function original(f: CallFrame): CallFrame {
  if (!f.url.endsWith(".js")) return f;
  let map = maps.get(f.url);
  if (!maps.has(f.url)) {
    const file = f.url.startsWith("file://") ? fileURLToPath(f.url) : f.url;
    map = existsSync(`${file}.map`)
      ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")))
      : undefined;
    maps.set(f.url, map);
  }
  const entry = map?.findEntry(f.lineNumber, f.columnNumber) as
    | { originalSource?: string; originalLine?: number; originalColumn?: number; name?: string }
    | undefined;
  if (!entry?.originalSource) return f;
  return {
    functionName: entry.name ?? f.functionName,
    url: entry.originalSource,
    lineNumber: entry.originalLine ?? 0,
    columnNumber: entry.originalColumn ?? 0,
  };
}

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, "")
    .replace(/^.*?\/(node_modules\/)/, "$1")
    .replace(/^.*?\/(\.next\/)/, "$1")
    .replace(/^.*?\/((?:lib|app|server|bench|scripts)\/)/, "$1")
    .replace(/^turbopack:\/\/\/\[project\]\//, "");
const frameName = (f: CallFrame) =>
  `${f.functionName || "(anonymous)"} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
const isOurs = (f: CallFrame) =>
  /(^|\/)(lib|app|server)\//.test(shortUrl(f.url)) && !f.url.includes("node_modules");

/** Bytes still alive per key, for three keys of each sampled stack. */
function tally(file: string): {
  byTop: Map<string, number>;
  byOurs: Map<string, number>;
  byStack: Map<string, number>;
  total: number;
} {
  const profile = JSON.parse(readFileSync(file, "utf8")) as HeapProfile;
  const byTop = new Map<string, number>();
  const byOurs = new Map<string, number>();
  const byStack = new Map<string, number>();
  let total = 0;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const walk = (node: ProfileNode, stack: CallFrame[]) => {
    const here = [...stack, original(node.callFrame)];
    if (node.selfSize > 0) {
      total += node.selfSize;
      add(byTop, frameName(node.callFrame), node.selfSize);
      const ours = [...here].reverse().find(isOurs);
      add(byOurs, ours ? frameName(ours) : "(no frame of ours)", node.selfSize);
      add(
        byStack,
        here
          .slice(-depth)
          .map((f) => frameName(f))
          .join(" < "),
        node.selfSize,
      );
    }
    for (const child of node.children) walk(child, here);
  };
  walk(profile.head, []);
  return { byTop, byOurs, byStack, total };
}

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;

function printDiff(title: string, a: Map<string, number>, b: Map<string, number>): void {
  const keys = new Set([...a.keys(), ...b.keys()]);
  const rows = [...keys]
    .map((k) => ({ k, a: a.get(k) ?? 0, b: b.get(k) ?? 0 }))
    .map((r) => ({ ...r, d: r.b - r.a }))
    .sort((x, y) => Math.abs(y.d) - Math.abs(x.d))
    .slice(0, top);
  console.log(`\n## ${title} (grown, earlier → later)`);
  for (const r of rows) console.log(`${mib(r.d).padStart(10)}  ${mib(r.a)} → ${mib(r.b)}  ${r.k}`);
}

function main(): void {
  if (files.length !== 2) throw new Error("usage: heap-profile-diff.ts <earlier> <later>");
  const [a, b] = files.map(tally) as [ReturnType<typeof tally>, ReturnType<typeof tally>];
  console.log(`sampled live: ${mib(a.total)} → ${mib(b.total)} (${mib(b.total - a.total)})`);
  printDiff("by the nearest frame of our code", a.byOurs, b.byOurs);
  printDiff("by allocating function", a.byTop, b.byTop);
  printDiff(`by the last ${depth} frames`, a.byStack, b.byStack);
}

main();
