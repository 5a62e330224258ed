// npx tsx --expose-gc bench/settle-heap.ts [--bundle] [--warm=8] [--repeat=4] [--top=40] [--snapshot]
// What the 100-replica one settle (bench/settle-profile.ts) allocates and what of it survives
// (#4: GC is a quarter of the settle), by allocation site. V8's sampling heap profiler runs over
// settles three ways: counting every allocation; only what is still alive after the settle
// (the result held, a full GC run); and what survived every scavenge it met (a last scavenge
// run, no full GC): what the settle's scavenges copy - V8 copies a survivor once within the
// young generation and once more into the old one - including what dies later. Each is the
// mean of --repeat settles (what a scavenge finds alive depends on where in the settle it
// falls). With --snapshot, heap snapshots before and after one settle are compared by node
// id: the objects the settle left alive, summed by V8 type and constructor, and the strings
// among them whose text is held more than once (duplicates).
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  describeMode,
  engineMode,
  hundredReplicaDeployment,
  loadEngine,
  postDeployment,
} from "./settle-kit";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc (npx tsx --expose-gc ...)");
const top = Number(option("top", "40"));
const warm = Number(option("warm", "8"));
const repeat = Number(option("repeat", "4"));
const now = Date.UTC(2026, 0, 1);
const { sim, mode } = await loadEngine(engineMode());
const engine = sim.clusterEngineOptions();
const deployment = hundredReplicaDeployment();
sim.createClusterSandbox({ seed: "warmup", now });

const session = new Session();
session.connect();
const post = <T>(method: string, params?: object) =>
  new Promise<T>((resolve, reject) =>
    session.post(method, params ?? {}, (err, out) => (err ? reject(err) : resolve(out as T))),
  );

function settle(i: number) {
  const base = sim.createClusterSandbox({ seed: `preloaded-${i}`, now });
  return {
    base,
    run: () => postDeployment(sim, base.state, deployment, now, engine),
  };
}

for (let i = 0; i < warm; i++) settle(i).run();

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children?: HeapNode[];
}

const site = (n: HeapNode) =>
  `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/^.*\/(lib|node_modules)\//, "$1/")}:${n.callFrame.lineNumber + 1}`;

/** Bytes by allocating function; a builtin's (`push`, `next`, ...) named with its JS caller. */
function bySite(head: HeapNode): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (n: HeapNode, caller: string) => {
    const name = site(n);
    const here = n.callFrame.url ? name : `${name} < ${caller}`;
    if (n.selfSize) out.set(here, (out.get(here) ?? 0) + n.selfSize);
    for (const c of n.children ?? []) walk(c, n.callFrame.url ? name : caller);
  };
  walk(head, "");
  return out;
}

/**
 * `all`: every allocation; `alive`: what is alive after the settle (a full GC run);
 * `scavenged`: what survived each scavenge it met (a last scavenge run, no full GC): what the
 * scavenges of a settle copy, including what is promoted and dies afterwards.
 */
async function sampled(kind: "all" | "alive" | "scavenged", i: number) {
  const sum = new Map<string, number>();
  for (let k = 0; k < repeat; k++) {
    for (const [site, bytes] of await sampledOnce(kind, i * 100 + k)) {
      sum.set(site, (sum.get(site) ?? 0) + bytes / repeat);
    }
  }
  return sum;
}

async function sampledOnce(kind: "all" | "alive" | "scavenged", i: number) {
  const s = settle(i);
  gc!();
  await post("HeapProfiler.startSampling", {
    samplingInterval: 512,
    includeObjectsCollectedByMajorGC: kind !== "alive",
    includeObjectsCollectedByMinorGC: kind === "all",
  });
  const r = s.run();
  if (kind === "scavenged") (gc as unknown as (o: object) => void)({ type: "minor" });
  else gc!();
  const { profile } = await post<{ profile: { head: HeapNode } }>("HeapProfiler.stopSampling");
  if (r.audit.length === 0) throw new Error("no requests");
  return bySite(profile.head);
}

// Sampling needs source positions: the bundle is not mapped back here, the names suffice.
const all = await sampled("all", 100);
const live = await sampled("alive", 101);
const scavenged = await sampled("scavenged", 103);
const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const kib = (b: number) => `${(b / 1024).toFixed(0).padStart(7)} KiB`;
console.log(describeMode(mode));
console.log(
  `allocated in one settle (sampled): ${kib(total(all))}; alive after it: ${kib(total(live))}; ` +
    `survived the scavenges they met: ${kib(total(scavenged))}`,
);
console.log("\n## survived the scavenges they met, by allocation site (alive after the settle)");
for (const [k, v] of [...scavenged].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${kib(v)} ${kib(live.get(k) ?? 0)}  ${k}`);
}
console.log("\n## alive after the settle, by allocation site (allocated there in total)");
for (const [k, v] of [...live].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${kib(v)} ${kib(all.get(k) ?? 0)}  ${k}`);
}
console.log("\n## allocated in the settle, by site (alive after it)");
for (const [k, v] of [...all].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${kib(v)} ${kib(live.get(k) ?? 0)}  ${k}`);
}

if (process.argv.includes("--snapshot")) await snapshotDiff();
session.disconnect();

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Writes a snapshot to a file (parsed only after both are taken, so no analysis is in them). */
async function takeSnapshot(file: string): Promise<void> {
  writeFileSync(file, "");
  const onChunk = (m: { params: { chunk: string } }) => appendFileSync(file, m.params.chunk);
  session.on("HeapProfiler.addHeapSnapshotChunk", onChunk);
  await post("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  session.off("HeapProfiler.addHeapSnapshotChunk", onChunk);
}

function readSnapshot(file: string): Snapshot {
  return JSON.parse(readFileSync(file, "utf8")) as Snapshot;
}

function nodeIds(s: Snapshot): Set<number> {
  const f = s.snapshot.meta.node_fields;
  const w = f.length;
  const idAt = f.indexOf("id");
  const out = new Set<number>();
  for (let i = 0; i < s.nodes.length; i += w) out.add(s.nodes[i + idAt]!);
  return out;
}

async function snapshotDiff() {
  const s = settle(102);
  const dir = mkdtempSync(path.join(tmpdir(), "settle-heap-"));
  const [fileBefore, fileAfter] = [path.join(dir, "before"), path.join(dir, "after")];
  gc!();
  await takeSnapshot(fileBefore);
  const r = s.run();
  gc!();
  await takeSnapshot(fileAfter);
  if (!r.audit.length) throw new Error("no requests");
  const before = nodeIds(readSnapshot(fileBefore));
  const after = readSnapshot(fileAfter);
  rmSync(dir, { recursive: true, force: true });
  const f = after.snapshot.meta.node_fields;
  const w = f.length;
  const [typeAt, nameAt, idAt, sizeAt] = ["type", "name", "id", "self_size"].map((n) =>
    f.indexOf(n),
  ) as [number, number, number, number];
  const types = after.snapshot.meta.node_types[0];
  const byKind = new Map<string, { n: number; bytes: number }>();
  const strings = new Map<string, { n: number; bytes: number }>();
  let bytes = 0;
  for (let i = 0; i < after.nodes.length; i += w) {
    if (before.has(after.nodes[i + idAt]!)) continue;
    const type = types[after.nodes[i + typeAt]!]!;
    const name = after.strings[after.nodes[i + nameAt]!]!;
    const size = after.nodes[i + sizeAt]!;
    bytes += size;
    const kind =
      type === "object" || type === "native" || type === "closure" || type === "code"
        ? `${type} ${name.slice(0, 60)}`
        : type === "string"
          ? `string ${stringClass(name)}`
          : type;
    const k = byKind.get(kind) ?? { n: 0, bytes: 0 };
    k.n++;
    k.bytes += size;
    byKind.set(kind, k);
    if (type === "string") {
      const d = strings.get(name) ?? { n: 0, bytes: 0 };
      d.n++;
      d.bytes += size;
      strings.set(name, d);
    }
  }
  console.log(`\n## snapshot diff: ${kib(bytes)} in objects the settle left alive, by kind`);
  for (const [k, v] of [...byKind].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)) {
    console.log(`${kib(v.bytes)} ${String(v.n).padStart(7)}  ${k}`);
  }
  const dups = [...strings].filter(([, v]) => v.n > 1);
  const wasted = dups.reduce((a, [, v]) => a + v.bytes - v.bytes / v.n, 0);
  console.log(
    `\n## new strings held more than once: ${dups.length} texts, ${kib(wasted)} beyond one copy each`,
  );
  for (const [k, v] of dups.sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)) {
    console.log(`${kib(v.bytes)} x${String(v.n).padStart(5)}  ${JSON.stringify(k.slice(0, 110))}`);
  }
}

function stringClass(text: string): string {
  if (text.startsWith("{")) return "JSON object";
  if (text.startsWith("[")) return "JSON array";
  if (/^\d{4}-\d\d-\d\dT/.test(text)) return "timestamp";
  return text.length > 64 ? "long text" : "short text";
}
