// etcdctl snapshot save | status | restore (etcd 3.5). The snapshot file lives on the
// control-plane host of the sandbox (WorldState.hostFiles), so it survives requests and
// app restarts like a file on disk. `restore` writes a new data directory, as etcd does;
// pointing the etcd static pod at it is a manifest edit this terminal cannot make, so the
// simulator restarts etcd on the restored data itself and says so.

import { snapshotRestore, snapshotSave } from "../../etcd/control";
import type { EtcdSnapshot } from "../../etcd/snapshot";
import type { SandboxState } from "../../state";
import type { CommandContext, CommandResult } from "../types";
import { asciiTable, humanizeBytes } from "./ascii-table";
import { etcdctlError, flagString, unsupportedFormat, writeOut, EXIT, type Flags } from "./common";

const HOME = "/root";
/** The etcd data directory of a kubeadm cluster (etcd.local.dataDir default). */
const LIVE_DATA_DIR = "/var/lib/etcd";
const FORMAT = "kubelab-etcd-snapshot/v1";

export function absPath(path: string): string {
  const parts: string[] = [];
  for (const p of (path.startsWith("/") ? path : `${HOME}/${path}`).split("/")) {
    if (!p || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return `/${parts.join("/")}`;
}

/** zap's ISO8601 timestamps (UTC on the lab host). */
const zapTime = (ms: number) => new Date(ms).toISOString();

function withHostFile(state: SandboxState, path: string, content: string): SandboxState {
  const world = state.world ?? { machines: {}, staticPods: {} };
  return { ...state, world: { ...world, hostFiles: { ...world.hostFiles, [path]: content } } };
}

function readSnapshot(state: SandboxState, file: string): EtcdSnapshot | undefined {
  const text = state.world?.hostFiles?.[absPath(file)];
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as { format?: string; snapshot?: EtcdSnapshot };
    return parsed.format === FORMAT ? parsed.snapshot : undefined;
  } catch {
    return undefined;
  }
}

const noChanges = (state: SandboxState) => ({
  state: state.store,
  appended: [],
  removed: [],
  leasesChanged: false,
});

async function save(ctx: CommandContext, args: string[], p: Flags): Promise<CommandResult> {
  if (args.length !== 1) throw etcdctlError("snapshot save expects one argument", EXIT.badArgs);
  const endpoints = (flagString(p, "endpoints") ?? "127.0.0.1:2379").split(",");
  if (endpoints.length !== 1)
    throw etcdctlError(
      `snapshot must be requested to one selected node, not multiple [${endpoints.join(" ")}]`,
      EXIT.badArgs,
    );
  const file = args[0]!;
  const path = absPath(file);
  const { snap, now } = await ctx.env.etcdStep((s, at) => {
    const snapshot = snapshotSave(s);
    const content = JSON.stringify({ format: FORMAT, snapshot });
    const state = withHostFile({ ...s, time: Math.max(s.time, at) }, path, content);
    return { state, changes: noChanges(state), result: { snap: snapshot, now: at } };
  });
  const ts = zapTime(now);
  const ep = endpoints[0]!;
  const log = [
    `{"level":"info","ts":"${ts}","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"${file}.part"}`,
    `{"level":"info","ts":"${ts}","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}`,
    `{"level":"info","ts":"${ts}","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"${ep}"}`,
    `{"level":"info","ts":"${ts}","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}`,
    `{"level":"info","ts":"${ts}","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"${ep}","size":"${humanizeBytes(snap.totalSize)}","took":"now"}`,
    `{"level":"info","ts":"${ts}","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"${file}"}`,
  ];
  return { stdout: `Snapshot saved at ${file}\n`, stderr: `${log.join("\n")}\n`, exitCode: 0 };
}

async function status(ctx: CommandContext, args: string[], p: Flags): Promise<CommandResult> {
  const deprecated = "Deprecated: Use `etcdutl snapshot status` instead.\n\n";
  if (args.length !== 1)
    throw etcdctlError("snapshot status requires exactly one argument", EXIT.badArgs);
  const w = writeOut(p);
  const state = await ctx.env.state();
  const snap = readSnapshot(state, args[0]!);
  if (!snap) {
    const exists = state.world?.hostFiles?.[absPath(args[0]!)] !== undefined;
    return {
      stdout: "",
      stderr: `${deprecated}Error: ${exists ? "invalid database" : `stat ${args[0]}: no such file or directory`}\n`,
      exitCode: EXIT.error,
    };
  }
  const row = [
    snap.hash.toString(16),
    String(snap.revision),
    String(snap.totalKeys),
    humanizeBytes(snap.totalSize),
  ];
  let stdout: string;
  if (w === "table") stdout = asciiTable(["HASH", "REVISION", "TOTAL KEYS", "TOTAL SIZE"], [row]);
  else if (w === "json")
    stdout = `{"hash":${snap.hash},"revision":${snap.revision},"totalKey":${snap.totalKeys},"totalSize":${snap.totalSize}}\n`;
  else if (w === "simple") stdout = `${row.join(", ")}\n`;
  else throw unsupportedFormat(w);
  return { stdout, stderr: deprecated, exitCode: 0 };
}

async function restore(ctx: CommandContext, args: string[], p: Flags): Promise<CommandResult> {
  const deprecated = "Deprecated: Use `etcdutl snapshot restore` instead.\n\n";
  if (args.length !== 1)
    throw etcdctlError("snapshot restore requires exactly one argument", EXIT.badArgs);
  const file = args[0]!;
  const name = flagString(p, "name") ?? "default";
  const dataDir = flagString(p, "data-dir") ?? `${name}.etcd`;
  const dir = absPath(dataDir);
  const walDir = flagString(p, "wal-dir") ?? `${dataDir}/member/wal`;
  const r = await ctx.env.etcdStep<{ ok: boolean; used: boolean; now: number }>((s, now) => {
    const snap = readSnapshot(s, file);
    const written = s.world?.hostFiles ?? {};
    const used = dir === LIVE_DATA_DIR || Object.keys(written).some((f) => f.startsWith(`${dir}/`));
    if (!snap || used) return { state: s, changes: noChanges(s), result: { ok: false, used, now } };
    const restored = snapshotRestore(s, snap, now);
    const state = withHostFile(
      restored.state,
      `${dir}/member/snap/db`,
      `restored from ${absPath(file)}`,
    );
    return { state, changes: restored.changes, result: { ok: true, used, now } };
  });
  if (!r.ok) {
    const why = r.used
      ? `data-dir "${dataDir}" not empty or could not be read`
      : `stat ${file}: no such file or directory`;
    return { stdout: "", stderr: `${deprecated}Error: ${why}\n`, exitCode: EXIT.error };
  }
  const ts = zapTime(r.now).replace(/\.\d{3}Z$/, "Z");
  const dirs = `"wal-dir": "${walDir}", "data-dir": "${dataDir}", "snap-dir": "${dataDir}/member/snap"`;
  const log = [
    `${ts}\tinfo\tsnapshot/v3_snapshot.go:248\trestoring snapshot\t{"path": "${file}", ${dirs}}`,
    `${ts}\tinfo\tmembership/store.go:141\tTrimming membership information from the backend...`,
    `${ts}\tinfo\tmembership/cluster.go:421\tadded member\t{"cluster-id": "cdf818194e3a8c32", "local-member-id": "0", "added-peer-id": "8e9e05c52164694d", "added-peer-peer-urls": ["http://localhost:2380"]}`,
    `${ts}\tinfo\tsnapshot/v3_snapshot.go:269\trestored snapshot\t{"path": "${file}", ${dirs}}`,
  ];
  const note =
    `# 시뮬레이터: 실제로는 /etc/kubernetes/manifests/etcd.yaml의 etcd-data hostPath를 ${dataDir}(으)로 바꿔 etcd를 새 데이터로 다시 띄워야 합니다.\n` +
    "# 이 샌드박스는 그 단계를 대신해, 복원된 데이터로 etcd를 바로 다시 시작했습니다.\n";
  return { stdout: "", stderr: `${deprecated}${log.join("\n")}\n${note}`, exitCode: 0 };
}

export function snapshot(
  ctx: CommandContext,
  sub: string | undefined,
  args: string[],
  p: Flags,
): Promise<CommandResult> {
  if (sub === "save") return save(ctx, args, p);
  if (sub === "status") return status(ctx, args, p);
  if (sub === "restore") return restore(ctx, args, p);
  throw etcdctlError(`unknown command "${sub ?? ""}" for "etcdctl snapshot"`, EXIT.error);
}
