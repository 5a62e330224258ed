// etcdctl v3 (etcd 3.5): talks to the sandbox's etcd (the store and the member model),
// never to the API server. get/put/del, member list, endpoint health/status,
// compaction, lease grant/revoke, snapshot status; -w simple|json|table|fields.

import { EtcdUnavailableError } from "../../etcd/errors";
import { dbSize, etcdRead, etcdWrite } from "../../etcd/control";
import { memberHealth, memberStatus } from "../../etcd/health";
import type { EtcdCluster, EtcdMember } from "../../etcd/cluster";
import { prefixEnd, range } from "../../store/store";
import { watchEvents } from "../../store/watch";
import { StoreError } from "../../store/errors";
import type { KeyValue } from "../../store/types";
import type { SandboxState } from "../../state";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { parseFlags, flagBool, flagString, type FlagSpec } from "../kubectl/flags";
import { asciiTable, humanizeBytes } from "./ascii-table";

const FLAGS: FlagSpec[] = [
  { name: "endpoints", type: "string" },
  { name: "cacert", type: "string" },
  { name: "cert", type: "string" },
  { name: "key", type: "string" },
  { name: "write-out", short: "w", type: "string" },
  { name: "cluster", type: "bool" },
  { name: "prefix", type: "bool" },
  { name: "keys-only", type: "bool" },
  { name: "print-value-only", type: "bool" },
  { name: "rev", type: "int" },
  { name: "limit", type: "int" },
  { name: "count-only", type: "bool" },
  { name: "from-key", type: "bool" },
  { name: "consistency", type: "string" },
  { name: "prev-kv", type: "bool" },
  { name: "lease", type: "string" },
  { name: "dial-timeout", type: "string" },
  { name: "command-timeout", type: "string" },
  { name: "insecure-skip-tls-verify", type: "bool" },
];

const b64 = (s: string) => btoa(unescape(encodeURIComponent(s)));
const REGISTRY_NOTE =
  "# 참고: 실제 etcd는 /registry/ 값을 protobuf 바이트로 저장합니다. 이 시뮬레이터는 읽을 수 있는 JSON으로 보여 줍니다.\n";

function etcdError(e: unknown): CliError {
  if (e instanceof EtcdUnavailableError)
    return new CliError(
      `{"level":"warn","msg":"retrying of unary invoker failed","error":"rpc error: code = Unavailable desc = ${e.message}"}\nError: ${e.message}`,
      1,
    );
  if (e instanceof StoreError) return new CliError(`Error: ${e.message}`, 1);
  throw e;
}

/** Members addressed by --endpoints (127.0.0.1 is the local member; --cluster means all). */
function targets(
  cluster: EtcdCluster,
  endpoints: string | undefined,
  all: boolean,
  local?: string,
): { url: string; member?: EtcdMember }[] {
  if (all) return cluster.members.map((m) => ({ url: m.clientURL, member: m }));
  const urls = (endpoints ?? "127.0.0.1:2379").split(",");
  return urls.map((url) => {
    const host = url.replace(/^https?:\/\//, "").split(":")[0];
    const member =
      host === "127.0.0.1" || host === "localhost"
        ? (cluster.members.find((m) => m.name === local) ?? cluster.members[0])
        : cluster.members.find((m) => m.clientURL.includes(`//${host}:`));
    return { url, ...(member ? { member } : {}) };
  });
}

function header(state: SandboxState, member?: EtcdMember) {
  const m = member ?? state.etcd.members[0]!;
  return {
    cluster_id: BigInt(`0x${state.etcd.clusterId}`).toString(),
    member_id: BigInt(`0x${m.id}`).toString(),
    revision: state.store.revision,
    raft_term: m.term,
  };
}

function printKvs(
  kvs: KeyValue[],
  p: ReturnType<typeof parseFlags>,
  state: SandboxState,
  count: number,
): string {
  const w = flagString(p, "write-out") ?? "simple";
  if (w === "json") {
    const h = header(state);
    const body = kvs.map((kv) => ({
      key: b64(kv.key),
      create_revision: kv.createRevision,
      mod_revision: kv.modRevision,
      version: kv.version,
      ...(flagBool(p, "keys-only") ? {} : { value: b64(kv.value) }),
      ...(kv.lease ? { lease: kv.lease } : {}),
    }));
    return `${JSON.stringify({ header: h, ...(body.length ? { kvs: body } : {}), count })}\n`;
  }
  if (w === "fields") {
    const h = header(state);
    let out = `"ClusterID" : ${h.cluster_id}\n"MemberID" : ${h.member_id}\n"Revision" : ${h.revision}\n"RaftTerm" : ${h.raft_term}\n`;
    for (const kv of kvs)
      out += `"Key" : ${JSON.stringify(kv.key)}\n"CreateRevision" : ${kv.createRevision}\n"ModRevision" : ${kv.modRevision}\n"Version" : ${kv.version}\n"Value" : ${JSON.stringify(kv.value)}\n"Lease" : ${kv.lease}\n`;
    return `${out}"More" : false\n"Count" : ${count}\n`;
  }
  if (flagBool(p, "print-value-only")) return kvs.map((kv) => `${kv.value}\n`).join("");
  return kvs
    .map((kv) => (flagBool(p, "keys-only") ? `${kv.key}\n\n` : `${kv.key}\n${kv.value}\n`))
    .join("");
}

export interface EtcdctlOptions {
  /** The member of the pod etcdctl runs in (kubectl exec etcd-<node>). */
  localMember?: string;
}

export async function etcdctl(
  argv: readonly string[],
  ctx: CommandContext,
  opts: EtcdctlOptions = {},
): Promise<CommandResult> {
  const p = parseFlags(argv.slice(1), FLAGS, "etcdctl");
  const [cmd, sub, ...more] = p.positional;
  const w = flagString(p, "write-out") ?? "simple";
  if (!["simple", "json", "table", "fields", "protobuf"].includes(w))
    throw new CliError(`Error: unknown output format "${w}"`, 1);
  const state = await ctx.env.state();
  try {
    switch (cmd) {
      case "get": {
        if (!sub)
          throw new CliError(
            "Error: get command needs one argument as key and an optional argument as range_end",
            1,
          );
        const rangeEnd = flagBool(p, "prefix")
          ? prefixEnd(sub)
          : flagBool(p, "from-key")
            ? "\0"
            : more[0];
        const limit = Number(flagString(p, "limit") ?? 0);
        const r = etcdRead(
          state,
          (s) =>
            range(s, {
              key: sub,
              ...(rangeEnd !== undefined ? { rangeEnd } : {}),
              revision: Number(flagString(p, "rev") ?? 0),
              limit,
              countOnly: flagBool(p, "count-only"),
              keysOnly: flagBool(p, "keys-only"),
            }),
          flagString(p, "consistency") === "s" ? "s" : "l",
        );
        const note =
          r.kvs.some((kv) => kv.key.startsWith("/registry/")) &&
          w === "simple" &&
          !flagBool(p, "keys-only")
            ? REGISTRY_NOTE
            : "";
        return { stdout: printKvs(r.kvs, p, state, r.count), stderr: note, exitCode: 0 };
      }
      case "put": {
        if (!sub || more[0] === undefined)
          throw new CliError(
            "Error: put command needs 1 argument and input from stdin or 2 arguments",
            1,
          );
        const value = more[0];
        await ctx.env.etcdStep((s, now) =>
          etcdWrite(s, now, (wr) =>
            wr.put(sub, value, parseInt(flagString(p, "lease") ?? "0", 16)),
          ),
        );
        return { stdout: "OK\n", stderr: "", exitCode: 0 };
      }
      case "del": {
        if (!sub)
          throw new CliError(
            "Error: del command needs one argument as key and an optional argument as range_end",
            1,
          );
        const rangeEnd = flagBool(p, "prefix") ? prefixEnd(sub) : more[0];
        const r = await ctx.env.etcdStep((s, now) =>
          etcdWrite(s, now, (wr) => wr.delete(sub, rangeEnd)),
        );
        return { stdout: `${r.deleted}\n`, stderr: "", exitCode: 0 };
      }
      case "watch": {
        // One pass over the events since --rev (the terminal's stream re-runs it with a
        // growing --rev); without --rev a watch starts now and has nothing to print yet.
        if (!sub) throw new CliError("Error: bad number of arguments", 1);
        const rev = Number(flagString(p, "rev") ?? 0);
        if (!rev) return { stdout: "", stderr: "", exitCode: 0 };
        const rangeEnd = flagBool(p, "prefix") ? prefixEnd(sub) : more[0];
        const events = watchEvents(state.store, {
          key: sub,
          ...(rangeEnd !== undefined ? { rangeEnd } : {}),
          startRevision: rev,
        });
        const stdout = events.map((e) => `${e.type}\n${e.kv.key}\n${e.kv.value}\n`).join("");
        return { stdout, stderr: "", exitCode: 0 };
      }
      case "compaction": {
        const rev = Number(sub);
        if (!sub || !Number.isInteger(rev))
          throw new CliError("Error: compaction command needs 1 argument", 1);
        await ctx.env.etcdStep((s, now) => etcdWrite(s, now, (wr) => wr.compact(rev)));
        return { stdout: `compacted revision ${rev}\n`, stderr: "", exitCode: 0 };
      }
      case "lease":
        return lease(ctx, state, sub, more);
      case "alarm":
        if (sub !== "list")
          throw new CliError(`Error: unknown command "${sub ?? ""}" for "etcdctl alarm"`, 1);
        etcdRead(state, () => undefined);
        return { stdout: "", stderr: "", exitCode: 0 };
      case "defrag": {
        let stdout = "";
        for (const t of targets(
          state.etcd,
          flagString(p, "endpoints"),
          flagBool(p, "cluster"),
          opts.localMember,
        ))
          stdout += `Finished defragmenting etcd member[${t.url}]\n`;
        return { stdout, stderr: "", exitCode: 0 };
      }
      case "member":
        if (sub !== "list")
          throw new CliError(
            `Error: etcdctl member ${sub ?? ""}: 이 시뮬레이터는 member list만 지원합니다 (멤버 중지/시작은 실습 제어판에서)`,
            1,
          );
        return memberList(state, w);
      case "endpoint":
        if (sub === "health") return endpointHealth(state, p, opts);
        if (sub === "status") return endpointStatus(state, p, opts);
        throw new CliError(`Error: unknown command "${sub ?? ""}" for "etcdctl endpoint"`, 1);
      case "version":
        return { stdout: "etcdctl version: 3.5.9\nAPI version: 3.5\n", stderr: "", exitCode: 0 };
      case undefined:
        throw new CliError(
          "NAME:\n\tetcdctl - A simple command line client for etcd3.\n\nUSAGE:\n\tetcdctl [flags]",
          0,
        );
      default:
        throw new CliError(
          `Error: unknown command "${cmd}" for "etcdctl"\nRun 'etcdctl --help' for usage.`,
          1,
        );
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw etcdError(e);
  }
}

const hexId = (id: number) => id.toString(16);

async function lease(
  ctx: CommandContext,
  state: SandboxState,
  sub: string | undefined,
  args: string[],
): Promise<CommandResult> {
  const id = args[0] ? parseInt(args[0], 16) : NaN;
  switch (sub) {
    case "grant": {
      const ttl = Number(args[0]);
      if (!args[0] || !Number.isInteger(ttl))
        throw new CliError("Error: lease grant command needs TTL argument", 1);
      const l = await ctx.env.etcdStep((s, now) => etcdWrite(s, now, (w) => w.grantLease(ttl)));
      return {
        stdout: `lease ${hexId(l.id)} granted with TTL(${l.ttl}s)\n`,
        stderr: "",
        exitCode: 0,
      };
    }
    case "revoke":
      if (Number.isNaN(id)) throw new CliError("Error: lease revoke command needs 1 argument", 1);
      await ctx.env.etcdStep((s, now) => etcdWrite(s, now, (w) => w.revokeLease(id)));
      return { stdout: `lease ${args[0]} revoked\n`, stderr: "", exitCode: 0 };
    case "keep-alive": {
      if (Number.isNaN(id))
        throw new CliError("Error: lease keep-alive command needs lease ID as argument", 1);
      const l = await ctx.env.etcdStep((s, now) => etcdWrite(s, now, (w) => w.keepAlive(id)));
      return {
        stdout: `lease ${args[0]} keepalived with TTL(${l.ttl})\n`,
        stderr: "",
        exitCode: 0,
      };
    }
    case "list": {
      const leases = etcdRead(state, (st) => [...st.leases.values()]);
      return {
        stdout: `found ${leases.length} leases\n${leases.map((l) => `${hexId(l.id)}\n`).join("")}`,
        stderr: "",
        exitCode: 0,
      };
    }
    case "timetolive": {
      const l = etcdRead(state, (st) => st.leases.get(id));
      if (!l) return { stdout: `lease ${args[0]} already expired\n`, stderr: "", exitCode: 0 };
      const remaining = Math.max(0, Math.ceil((l.expiresAt - ctx.env.now()) / 1000));
      return {
        stdout: `lease ${args[0]} granted with TTL(${l.ttl}s), remaining(${remaining}s)\n`,
        stderr: "",
        exitCode: 0,
      };
    }
    default:
      throw new CliError(`Error: unknown command "${sub ?? ""}" for "etcdctl lease"`, 1);
  }
}

function memberList(state: SandboxState, w: string): CommandResult {
  const rows = state.etcd.members.map((m) => [
    m.id,
    "started",
    m.name,
    m.peerURL,
    m.clientURL,
    "false",
  ]);
  if (w === "table")
    return {
      stdout: asciiTable(
        ["ID", "STATUS", "NAME", "PEER ADDRS", "CLIENT ADDRS", "IS LEARNER"],
        rows,
      ),
      stderr: "",
      exitCode: 0,
    };
  if (w === "json") {
    const h = header(state);
    return {
      stdout: `${JSON.stringify({ header: h, members: state.etcd.members.map((m) => ({ ID: BigInt(`0x${m.id}`).toString(), name: m.name, peerURLs: [m.peerURL], clientURLs: [m.clientURL] })) })}\n`,
      stderr: "",
      exitCode: 0,
    };
  }
  return { stdout: rows.map((r) => `${r.join(", ")}\n`).join(""), stderr: "", exitCode: 0 };
}

function endpointHealth(
  state: SandboxState,
  p: ReturnType<typeof parseFlags>,
  opts: EtcdctlOptions,
): CommandResult {
  let stdout = "";
  let stderr = "";
  let bad = false;
  for (const t of targets(
    state.etcd,
    flagString(p, "endpoints"),
    flagBool(p, "cluster"),
    opts.localMember,
  )) {
    const h = t.member
      ? memberHealth(state.etcd, t.member)
      : { health: false, error: "context deadline exceeded" };
    const took = "took = 9.48ms";
    if (h.health) stdout += `${t.url} is healthy: successfully committed proposal: ${took}\n`;
    else {
      bad = true;
      stderr += `${t.url} is unhealthy: ${h.error}\n`;
    }
  }
  if (bad) stderr += "Error: unhealthy cluster\n";
  return { stdout, stderr, exitCode: bad ? 1 : 0 };
}

function endpointStatus(
  state: SandboxState,
  p: ReturnType<typeof parseFlags>,
  opts: EtcdctlOptions,
): CommandResult {
  const w = flagString(p, "write-out") ?? "simple";
  const size = dbSize(state);
  const rows: string[][] = [];
  let stderr = "";
  for (const t of targets(
    state.etcd,
    flagString(p, "endpoints"),
    flagBool(p, "cluster"),
    opts.localMember,
  )) {
    const s = t.member ? memberStatus(state.etcd, t.member, size) : undefined;
    if (!s) {
      stderr += `{"level":"warn","msg":"failed to get status","endpoint":"${t.url}","error":"context deadline exceeded"}\n`;
      continue;
    }
    rows.push([
      t.url,
      s.id,
      s.version,
      humanizeBytes(s.dbSize),
      String(s.isLeader),
      String(s.isLearner),
      String(s.raftTerm),
      String(s.raftIndex),
      String(s.raftAppliedIndex),
      s.errors.join(", "),
    ]);
  }
  const stdout =
    w === "table"
      ? asciiTable(
          [
            "ENDPOINT",
            "ID",
            "VERSION",
            "DB SIZE",
            "IS LEADER",
            "IS LEARNER",
            "RAFT TERM",
            "RAFT INDEX",
            "RAFT APPLIED INDEX",
            "ERRORS",
          ],
          rows,
        )
      : rows.map((r) => `${r.join(", ")}\n`).join("");
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}
