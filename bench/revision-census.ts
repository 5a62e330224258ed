// npx tsx bench/revision-census.ts [--tree=.] [--sandboxes=20] [--rounds=2] [--prep=5]
//                                  [--gap-ms=520] [--lab=cluster-anatomy] [--warm=1]
//                                  [--examples=0] [--timeline]
// What the revision rows (SandboxKv inserts) written by bench:load's closed-loop script are:
// by kind, verb and writer, by script step, and for updates which fields changed. Each
// sandbox types the closed loop's script (bench/load/learner.ts SCRIPT) through the app's path
// (lib/terminal, PostgreSQL), its commands --gap-ms of real time apart (the closed loop's 200
// learners at 383 commands/s: ~0.52 s; virtual time follows the wall clock, so the gap decides
// how much catch-up each command runs). Then the rows written in the measured rounds are read
// back with the sandboxes' audit log: each row is matched to the write request (audit event,
// in order) that made it, which names its writer (the learner, a controller, the kubelet...).
// An update's "changed" is the set of leaf paths that differ from the key's previous row,
// without metadata.resourceVersion and managedFields times; "times only" marks updates whose
// every change is a timestamp (renewTime, heartbeats, managedFields time...).
// Every request of the audit log is counted too (reads, failed writes), by verb, code and user.
// Last, the process's CPU per command fitted against its rows (rounds from --warm on): what a
// row costs the app with everything that comes with it.
import { loadavg } from "node:os";
import path from "node:path";
import { benchOption, bundleDir, bundleLikeApp } from "./bundle-like-app";
import { SCRIPT } from "./load/learner";
import { withBenchDatabase } from "./with-database";

const tree = path.resolve(benchOption("tree", "."));
const sandboxes = Number(benchOption("sandboxes", "20"));
const rounds = Number(benchOption("rounds", "2"));
const prep = Number(benchOption("prep", "5"));
const gapMs = Number(benchOption("gap-ms", "520"));
const examples = Number(benchOption("examples", "0"));
const timeline = process.argv.includes("--timeline");
const lab = benchOption("lab", "");
const warm = Number(benchOption("warm", "1"));

interface AuditLike {
  verb: string;
  requestURI: string;
  user: { username: string };
  objectRef?: { resource?: string; namespace?: string; name?: string; subresource?: string };
  responseStatus: { code: number };
  requestReceivedTimestamp: string;
}

interface Tree {
  runTerminalCommand(
    id: string,
    line: string,
  ): Promise<{ stdout: string; stderr: string; exitCode: number }>;
  userSandbox(userId: string): Promise<string>;
  createUser(i: number): Promise<string>;
  closePool(): Promise<void>;
  decodeValue(bytes: Uint8Array): string;
  readLogAfter(
    id: string,
    afterSeq: number,
    q: { kind?: "audit"; limit: number },
  ): Promise<{ seq: number; data: unknown }[]>;
  logEnd(id: string): Promise<number>;
  labSandboxId(userId: string, labId: string): Promise<string>;
  pool(): {
    query<R>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
  };
}

const ENTRY = `
export { runTerminalCommand, userSandbox } from "./lib/terminal";
export { closePool, pool } from "./lib/db/sandboxes/pool";
export { decodeValue } from "./lib/db/sandboxes/value-codec";
export { readLogAfter, logEnd } from "./lib/db/sandboxes/log-read";
export { labSandboxId } from "./lib/labs/server/lab-sandbox";
import { db } from "./lib/db/client";
export async function createUser(i) {
  const u = await db().user.create({ data: { email: \`census-\${Date.now()}-\${i}-\${Math.random()}@bench.test\`, name: "census" + i } });
  return u.id;
}
`;

interface Row {
  revision: number;
  key: string;
  created: boolean;
  deleted: boolean;
  prevRevision: number;
  value: Buffer;
}

/** The API resource a registry key is stored under (kube-apiserver's few renamed prefixes). */
function resourceOfKey(key: string): { resource: string; namespace?: string; name: string } {
  const parts = key.split("/").slice(2); // "", "registry"
  let resource = parts[0]!;
  let rest = parts.slice(1);
  if (resource === "minions") resource = "nodes";
  else if (resource === "services" && (rest[0] === "specs" || rest[0] === "endpoints")) {
    resource = rest[0] === "specs" ? "services" : "endpoints";
    rest = rest.slice(1);
  } else if (resource.includes(".")) {
    // CRDs and the aggregator's groups: /registry/<group>/<resource>/...
    resource = rest[0]!;
    rest = rest.slice(1);
  }
  return rest.length >= 2
    ? { resource, namespace: rest[0], name: rest.slice(1).join("/") }
    : { resource, name: rest.join("/") };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Leaf paths (array indices as *) where a and b differ. */
function changedPaths(a: Json, b: Json, at: string, out: Set<string>) {
  if (a === b) return;
  const ao = a !== null && typeof a === "object";
  const bo = b !== null && typeof b === "object";
  if (!ao || !bo || Array.isArray(a) !== Array.isArray(b)) {
    out.add(at || "(root)");
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.add(`${at}[len]`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      // managedFields entries and conditions are named by their manager / type
      const ai = a[i] as { [k: string]: Json } | null;
      const tag =
        ai && typeof ai === "object" && !Array.isArray(ai)
          ? typeof ai.type === "string"
            ? `[${ai.type}]`
            : typeof ai.manager === "string"
              ? `[${ai.manager}${ai.subresource ? "/" + String(ai.subresource) : ""}]`
              : "[*]"
          : "[*]";
      changedPaths(a[i]!, b[i]!, `${at}${tag}`, out);
    }
    return;
  }
  const ak = a as { [k: string]: Json };
  const bk = b as { [k: string]: Json };
  for (const k of new Set([...Object.keys(ak), ...Object.keys(bk)])) {
    changedPaths(ak[k] ?? null, bk[k] ?? null, at ? `${at}.${k}` : k, out);
  }
}

const TIME_LEAF =
  /(\.time|renewTime|lastHeartbeatTime|lastProbeTime|lastUpdateTime|lastTransitionTime|lastTimestamp|eventTime|acquireTime)$/;

async function main() {
  const dir = bundleDir("kubelab-revision-census");
  await withBenchDatabase(`kubelab_bench_census_${process.pid}`, async () => {
    const url = await bundleLikeApp({
      contents: ENTRY,
      tree,
      outfile: path.join(dir, `census-${Math.random().toString(36).slice(2)}.mjs`),
      sourcefile: "census-entry.ts",
    });
    const t = (await import(url)) as Tree;
    const ids: string[] = [];
    for (let s = 0; s < sandboxes; s++) {
      const user = await t.createUser(s);
      const id = lab ? await t.labSandboxId(user, lab) : await t.userSandbox(user);
      for (let c = 0; c < prep; c++) {
        await t.runTerminalCommand(id, SCRIPT[c % SCRIPT.length]!.command(0));
      }
      ids.push(id);
    }
    const maxRev = async (id: string) =>
      (
        await t.pool().query<{
          r: number | null;
        }>(`SELECT max("revision") AS r FROM "SandboxKv" WHERE "sandboxId" = $1`, [id])
      ).rows[0]?.r ?? 0;
    const startRev = new Map<string, number>();
    const startSeq = new Map<string, number>();
    for (const id of ids) {
      startRev.set(id, await maxRev(id));
      startSeq.set(id, await t.logEnd(id));
    }
    // revision ranges written by each (sandbox, step)
    const stepOfRev = new Map<string, { step: number; from: number; to: number }[]>();
    let failures = 0;
    let commands = 0;
    // Per measured command: its revision rows and the process's CPU (user + system) in it.
    const samples: { step: number; rows: number; cpu: number }[] = [];
    const t0 = performance.now();
    for (let round = 0; round < rounds; round++) {
      for (let step = 0; step < SCRIPT.length; step++) {
        const began = performance.now();
        const line = SCRIPT[step]!.command(round + 1);
        for (const id of ids) {
          const before = await maxRev(id);
          const c0 = process.cpuUsage();
          const r = await t.runTerminalCommand(id, line);
          const c = process.cpuUsage(c0);
          commands++;
          const expected = SCRIPT[step]!.fails ? 1 : 0;
          if (r.exitCode !== expected) {
            failures++;
            if (failures <= 3) console.error(`${line}: ${r.stderr.slice(0, 200)}`);
          }
          const after = await maxRev(id);
          if (round >= warm)
            samples.push({ step, rows: after - before, cpu: (c.user + c.system) / 1000 });
          const list = stepOfRev.get(id) ?? [];
          list.push({ step, from: before + 1, to: after });
          stepOfRev.set(id, list);
        }
        const left = gapMs - (performance.now() - began);
        if (left > 0) await new Promise((r) => setTimeout(r, left));
      }
    }
    const seconds = (performance.now() - t0) / 1000;

    const byClass = new Map<string, number>();
    const bytesByClass = new Map<string, number>();
    const requests = new Map<string, number>();
    const byChange = new Map<string, number>();
    const byStep = SCRIPT.map(() => new Map<string, number>());
    const shown = new Map<string, number>();
    let rows = 0;
    let timesOnly = 0;
    let unmatched = 0;
    let valueBytes = 0;
    for (const id of ids) {
      const { rows: kv } = await t
        .pool()
        .query<Row>(
          `SELECT "revision", "key", "created", "deleted", "prevRevision", "value" FROM "SandboxKv" WHERE "sandboxId" = $1 AND "revision" > $2 ORDER BY "revision"`,
          [id, startRev.get(id)],
        );
      const prevRevs = kv.filter((r) => !r.created).map((r) => r.prevRevision);
      const { rows: prevRows } = await t
        .pool()
        .query<Row>(
          `SELECT "revision", "key", "created", "deleted", "prevRevision", "value" FROM "SandboxKv" WHERE "sandboxId" = $1 AND "revision" = ANY($2::int[])`,
          [id, prevRevs],
        );
      const byRev = new Map<number, Row>([...prevRows, ...kv].map((r) => [r.revision, r]));
      const all = (await t.readLogAfter(id, startSeq.get(id)!, { kind: "audit", limit: 1e6 })).map(
        (r) => r.data as AuditLike,
      );
      // Every request, rows or not: reads, failed writes (conflicts...), writes of no change.
      for (const e of all) {
        const who = e.user.username
          .replace(/^system:serviceaccount:kube-system:/, "sa:")
          .replace(/^system:node:.*/, "kubelet");
        const ref = e.objectRef;
        const k = `${e.verb} ${ref?.resource ?? e.requestURI.split("?")[0]}${ref?.subresource ? "/" + ref.subresource : ""} ${e.responseStatus.code} by ${who}`;
        requests.set(k, (requests.get(k) ?? 0) + 1);
      }
      const audit = all.filter(
        (e) =>
          !["get", "list", "watch"].includes(e.verb) &&
          e.responseStatus.code < 300 &&
          e.objectRef?.resource,
      );
      let cursor = 0;
      for (const row of kv) {
        rows++;
        valueBytes += row.value.length;
        const k = resourceOfKey(row.key);
        // The write request that made it: the next unmatched write of that object (a create
        // with generateName names no object: matched on its namespace).
        let writer = "?";
        let sub = "";
        for (let i = cursor; i < Math.min(audit.length, cursor + 400); i++) {
          const e = audit[i]!;
          const ref = e.objectRef!;
          if (ref.resource !== k.resource) continue;
          if ((ref.namespace ?? undefined) !== k.namespace) continue;
          if (ref.name !== undefined && ref.name !== k.name) continue;
          writer = e.user.username
            .replace(/^system:serviceaccount:kube-system:/, "sa:")
            .replace(/^system:node:.*/, "kubelet");
          sub = ref.subresource ?? "";
          audit.splice(i, 1);
          cursor = Math.max(0, i - 50);
          break;
        }
        if (writer === "?") unmatched++;
        const verb = row.deleted ? "delete" : row.created ? "create" : "update";
        const steps = stepOfRev.get(id)!;
        const st = steps.find((s) => row.revision >= s.from && row.revision <= s.to)?.step ?? -1;
        let change = "";
        if (verb === "update") {
          const prev = byRev.get(row.prevRevision);
          if (prev) {
            const a = JSON.parse(t.decodeValue(prev.value)) as Json;
            const b = JSON.parse(t.decodeValue(row.value)) as Json;
            const out = new Set<string>();
            changedPaths(a, b, "", out);
            out.delete("metadata.resourceVersion");
            const paths = [...out].sort();
            const onlyTimes = paths.every((p) => TIME_LEAF.test(p));
            if (onlyTimes) timesOnly++;
            change = (onlyTimes ? "TIMES " : "") + paths.join(" ");
            if (onlyTimes && (shown.get(k.resource) ?? 0) < examples) {
              shown.set(k.resource, (shown.get(k.resource) ?? 0) + 1);
              console.log(`--- ${row.key} by ${writer}${sub ? "/" + sub : ""}: ${change}`);
            }
          }
        }
        let reason = "";
        if (k.resource === "events" && verb === "create") {
          const ev = JSON.parse(t.decodeValue(row.value)) as { reason?: string; count?: number };
          reason = ` (${ev.reason})`;
        }
        const cls = `${k.resource}${sub ? "/" + sub : ""}${reason} ${verb} by ${writer}`;
        if (id === ids[0] && timeline)
          console.log(`TL ${row.revision} step ${st} ${row.key} ${cls} ${change.slice(0, 300)}`);
        byClass.set(cls, (byClass.get(cls) ?? 0) + 1);
        bytesByClass.set(cls, (bytesByClass.get(cls) ?? 0) + row.value.length);
        if (change) {
          const c = `${cls}: ${change}`;
          byChange.set(c, (byChange.get(c) ?? 0) + 1);
        }
        if (st >= 0) byStep[st]!.set(cls, (byStep[st]!.get(cls) ?? 0) + 1);
      }
    }
    const per = (n: number) => (n / commands).toFixed(3);
    console.log(
      `${sandboxes} sandboxes × ${rounds} round(s) of ${SCRIPT.length} commands (${commands}), ${(commands / seconds).toFixed(0)} commands/s, gap ${gapMs} ms; load ${loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")}; unexpected exit codes: ${failures}`,
    );
    console.log(
      `revision rows: ${rows} = ${per(rows)} per command (${(valueBytes / rows).toFixed(0)} B value each); updates changing only timestamps: ${per(timesOnly)} per command; rows without a matched request: ${unmatched}`,
    );
    console.log(`\n## by class (rows per command, stored value bytes per command and per row)`);
    for (const [k, v] of [...byClass].sort((a, b) => b[1] - a[1])) {
      const b = bytesByClass.get(k)!;
      console.log(
        `${per(v)}  ${(b / commands).toFixed(0).padStart(5)} B  ${(b / v).toFixed(0).padStart(5)} B/row  ${k}`,
      );
    }
    console.log(`\n## requests (audit events) per command`);
    for (const [k, v] of [...requests].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
      console.log(`${per(v)}  ${k}`);
    }
    console.log(`\n## updates by changed fields (rows per command)`);
    for (const [k, v] of [...byChange].sort((a, b) => b[1] - a[1]).slice(0, 60)) {
      console.log(`${per(v)}  ${k}`);
    }
    console.log(`\n## by script step (rows per command of that step)`);
    SCRIPT.forEach((s, i) => {
      const n = commands / SCRIPT.length;
      const total = [...byStep[i]!.values()].reduce((a, x) => a + x, 0);
      console.log(`\n### ${s.command(1)}: ${(total / n).toFixed(2)}`);
      for (const [k, v] of [...byStep[i]!].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
        console.log(`  ${(v / n).toFixed(2)}  ${k}`);
      }
    });
    // App CPU against rows, least squares over the measured commands: the slope is what one
    // more row costs with everything that comes with it (the loops' work that decided it,
    // its request, its encode and persistence); the intercept a command without rows.
    const fit = (xs: { rows: number; cpu: number }[]) => {
      const n = xs.length;
      const mx = xs.reduce((a, x) => a + x.rows, 0) / n;
      const my = xs.reduce((a, x) => a + x.cpu, 0) / n;
      let sxy = 0;
      let sxx = 0;
      for (const x of xs) {
        sxy += (x.rows - mx) * (x.cpu - my);
        sxx += (x.rows - mx) ** 2;
      }
      const b = sxx ? sxy / sxx : NaN;
      return { n, b, a: my - b * mx, rows: mx, cpu: my };
    };
    const show = (name: string, xs: { rows: number; cpu: number }[]) => {
      if (!xs.length) return;
      const f = fit(xs);
      console.log(
        `${name}: ${f.n} commands, ${f.rows.toFixed(2)} rows and ${f.cpu.toFixed(2)} ms CPU per command; CPU ≈ ${f.a.toFixed(2)} ms + ${f.b.toFixed(3)} ms × rows`,
      );
    };
    console.log(`\n## app CPU (this process) against revision rows, rounds from ${warm}`);
    show("all", samples);
    show(
      "reads",
      samples.filter((x) => !SCRIPT[x.step]!.writes),
    );
    show(
      "writes",
      samples.filter((x) => SCRIPT[x.step]!.writes),
    );
    await t.closePool();
  });
}

void main();
