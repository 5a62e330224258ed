// npx tsx bench/heap-weakmaps.ts <file.heapsnapshot> [--top=25]
// Ranks a heap snapshot's WeakMaps (and WeakSets) by live entries and names who holds each.
// V8 marks a WeakMap's values as ephemerons: a full GC's final pause runs their fixpoint
// (--trace-gc-nvp's mark.ephemeron.marking) and clears their dead entries
// (clear.weak_collections), so the maps with most entries are what the long full-GC pauses
// of bench:load's paced phase pay for (session 17, bench/ephemeron-gc.ts). Take the snapshot
// in a worker under load: KUBELAB_BENCH_WORKER_FLAGS=--heapsnapshot-signal=SIGUSR2 and
// `kill -USR2 <worker pid>` during the paced phase (the file lands in the app's root).
// For each table: its entries (weak edges ÷ 2, the key and the value of each entry), the
// retainer of its JSWeakMap (a module's context variable: its name, unless minified), the
// kinds of its keys and values, and the property names its values most often carry (what
// identifies a minified owner).
// The snapshot is parsed from a Buffer (a worker's snapshot outgrows a JS string).
import { readFileSync } from "node:fs";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

interface Meta {
  node_fields: string[];
  node_types: [string[], ...unknown[]];
  edge_fields: string[];
  edge_types: [string[], ...unknown[]];
}

/** The integers of the JSON array that starts after `marker` in `buf`. */
function intArray(buf: Buffer, marker: string, count: number): Uint32Array {
  let i = buf.indexOf(marker);
  if (i < 0) throw new Error(`no ${marker} in the snapshot`);
  i += marker.length;
  const out = new Uint32Array(count);
  let n = 0;
  let value = 0;
  let inNumber = false;
  for (; n < count && i < buf.length; i++) {
    const c = buf[i]!;
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      inNumber = true;
    } else {
      if (inNumber) out[n++] = value;
      value = 0;
      inNumber = false;
      if (c === 93) break; // ]
    }
  }
  if (inNumber && n < count) out[n++] = value;
  if (n !== count) throw new Error(`${marker}: read ${n} of ${count} numbers`);
  return out;
}

function main(): void {
  const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
  if (!file) throw new Error("usage: heap-weakmaps.ts <file.heapsnapshot> [--top=25]");
  const top = Number(option("top", "25"));
  const buf = readFileSync(file);
  const nodesAt = buf.indexOf('"nodes":[');
  const head = JSON.parse(`${buf.subarray(0, nodesAt).toString("utf8").replace(/,\s*$/, "")}}`) as {
    snapshot: { meta: Meta; node_count: number; edge_count: number };
  };
  const { meta, node_count: nodeCount, edge_count: edgeCount } = head.snapshot;
  const NF = meta.node_fields.length;
  const EF = meta.edge_fields.length;
  const nodes = intArray(buf, '"nodes":[', nodeCount * NF);
  const edges = intArray(buf, '"edges":[', edgeCount * EF);
  const stringsAt = buf.indexOf('"strings":[');
  const stringsEnd = buf.lastIndexOf("]");
  const strings = JSON.parse(
    buf.subarray(stringsAt + '"strings":'.length, stringsEnd + 1).toString("utf8"),
  ) as string[];

  const nType = meta.node_fields.indexOf("type");
  const nName = meta.node_fields.indexOf("name");
  const nEdges = meta.node_fields.indexOf("edge_count");
  const nSize = meta.node_fields.indexOf("self_size");
  const eType = meta.edge_fields.indexOf("type");
  const eName = meta.edge_fields.indexOf("name_or_index");
  const eTo = meta.edge_fields.indexOf("to_node");
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const WEAK = edgeTypes.indexOf("weak");
  const PROPERTY = edgeTypes.indexOf("property");
  const INTERNAL = edgeTypes.indexOf("internal");
  const ELEMENT = edgeTypes.indexOf("element");
  const HIDDEN = edgeTypes.indexOf("hidden");
  const nameIsIndex = (t: number) => t === ELEMENT || t === HIDDEN || t === WEAK;

  // First edge of each node (edges are stored node after node).
  const firstEdge = new Uint32Array(nodeCount + 1);
  for (let n = 0, e = 0; n < nodeCount; n++) {
    firstEdge[n] = e;
    e += nodes[n * NF + nEdges]!;
    firstEdge[n + 1] = e;
  }
  const nodeName = (n: number) => strings[nodes[n * NF + nName]!]!;
  const nodeType = (n: number) => nodeTypes[nodes[n * NF + nType]!]!;
  const describe = (n: number) => `${nodeType(n)}:${nodeName(n).slice(0, 40)}`;
  function* edgesOf(n: number) {
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e++) {
      const t = edges[e * EF + eType]!;
      const raw = edges[e * EF + eName]!;
      yield {
        type: t,
        name: nameIsIndex(t) ? String(raw) : strings[raw]!,
        to: edges[e * EF + eTo]! / NF,
      };
    }
  }

  // Each WeakMap/WeakSet and its table.
  const collections = new Map<number, number>(); // table node -> collection node
  for (let n = 0; n < nodeCount; n++) {
    const name = nodeName(n);
    if (nodeType(n) !== "object" || (name !== "WeakMap" && name !== "WeakSet")) continue;
    for (const e of edgesOf(n))
      if (e.type === INTERNAL && e.name === "table") collections.set(e.to, n);
  }
  // Retainers of the collections (who holds each: a context variable, a property…).
  const wanted = new Set(collections.values());
  const retainers = new Map<number, string[]>();
  for (let n = 0; n < nodeCount; n++) {
    for (const e of edgesOf(n)) {
      if (!wanted.has(e.to) || e.type === WEAK) continue;
      const list = retainers.get(e.to) ?? [];
      if (list.length < 4) list.push(`${edgeTypes[e.type]} "${e.name}" of ${describe(n)}`);
      retainers.set(e.to, list);
    }
  }

  interface Row {
    kind: string;
    entries: number;
    tableBytes: number;
    holder: string;
    keys: Map<string, number>;
    values: Map<string, number>;
    props: Map<string, number>;
  }
  const rows: Row[] = [];
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const [table, coll] of collections) {
    const row: Row = {
      kind: nodeName(coll),
      entries: 0,
      tableBytes: nodes[table * NF + nSize]!,
      holder: (retainers.get(coll) ?? ["?"]).join("; "),
      keys: new Map(),
      values: new Map(),
      props: new Map(),
    };
    let weak = 0;
    let pairs = 0;
    for (const e of edgesOf(table)) {
      if (e.type === WEAK) weak++;
      // V8 names one internal edge per entry whose key and value are both heap objects
      // (oddballs like a WeakSet's `true` included): "part of key (Name @id) -> value (…)".
      if (e.type !== INTERNAL || !e.name.includes("/ part of key (")) continue;
      const key = /part of key \((.*?) @/.exec(e.name)?.[1] ?? "?";
      // A deleted entry's key is the hole (an oddball): not an entry any more.
      if (key === "system / Oddball") continue;
      pairs++;
      bump(row.keys, key);
      bump(row.values, describe(e.to));
      if (pairs <= 200) {
        for (const p of edgesOf(e.to)) if (p.type === PROPERTY) bump(row.props, p.name);
      }
    }
    // Weak edges hold each key and each heap-object value (not Smis, not oddballs).
    row.entries = Math.max(pairs, weak - pairs);
    rows.push(row);
  }
  rows.sort((a, b) => b.entries - a.entries);
  const total = rows.reduce((s, r) => s + r.entries, 0);
  console.log(`${rows.length} WeakMaps/WeakSets, ${total} live entries (${file})`);
  const topOf = (m: Map<string, number>, k = 3) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, c]) => `${name}×${c}`)
      .join(", ");
  for (const r of rows.slice(0, top)) {
    console.log(
      `${String(r.entries).padStart(8)}  ${r.kind}  table ${(r.tableBytes / 1024).toFixed(0)} KiB  held by ${r.holder}`,
    );
    console.log(`          keys ${topOf(r.keys)}; values ${topOf(r.values)}`);
    if (r.props.size > 0) console.log(`          value props ${topOf(r.props, 8)}`);
  }
}

main();
