// etcdctl member list and endpoint health/status: what each member answers (a stopped
// member times out, a member cut off from the leader reports no leader), addressed by
// --endpoints (127.0.0.1 is the member of the pod or host etcdctl runs on) or --cluster.

import { dbSize } from "../../etcd/control";
import { memberHealth, memberStatus } from "../../etcd/health";
import type { EtcdCluster, EtcdMember } from "../../etcd/cluster";
import type { SandboxState } from "../../state";
import type { CommandResult } from "../types";
import { asciiTable, humanizeBytes } from "./ascii-table";
import {
  flagBool,
  flagString,
  header,
  headerJson,
  unsupportedFormat,
  writeOut,
  type Flags,
} from "./common";

/** Members addressed by --endpoints (127.0.0.1 is the local member; --cluster means all). */
export function targets(
  cluster: EtcdCluster,
  p: Flags,
  local?: string,
): { url: string; member?: EtcdMember }[] {
  if (flagBool(p, "cluster")) return cluster.members.map((m) => ({ url: m.clientURL, member: m }));
  const urls = (flagString(p, "endpoints") ?? "127.0.0.1:2379").split(",");
  return urls.map((url) => {
    const host = url.replace(/^https?:\/\//, "").split(":")[0];
    const member =
      host === "127.0.0.1" || host === "localhost"
        ? (cluster.members.find((m) => m.name === local) ?? cluster.members[0])
        : cluster.members.find((m) => m.clientURL.includes(`//${host}:`));
    return { url, ...(member ? { member } : {}) };
  });
}

const ok = (stdout: string, stderr = "", exitCode = 0): CommandResult => ({
  stdout,
  stderr,
  exitCode,
});

export function memberList(state: SandboxState, p: Flags): CommandResult {
  const w = writeOut(p);
  const rows = state.etcd.members.map((m) => [
    m.id,
    "started",
    m.name,
    m.peerURL,
    m.clientURL,
    "false",
  ]);
  if (w === "table")
    return ok(
      asciiTable(["ID", "STATUS", "NAME", "PEER ADDRS", "CLIENT ADDRS", "IS LEARNER"], rows),
    );
  if (w === "json") {
    const members = state.etcd.members.map(
      (m) =>
        `{"ID":${BigInt(`0x${m.id}`).toString()},"name":${JSON.stringify(m.name)},"peerURLs":[${JSON.stringify(m.peerURL)}],"clientURLs":[${JSON.stringify(m.clientURL)}]}`,
    );
    return ok(`{"header":${headerJson(header(state))},"members":[${members.join(",")}]}\n`);
  }
  if (w !== "simple") throw unsupportedFormat(w);
  return ok(rows.map((r) => `${r.join(", ")}\n`).join(""));
}

export function endpointHealth(state: SandboxState, p: Flags, local?: string): CommandResult {
  let stdout = "";
  let stderr = "";
  let bad = false;
  for (const t of targets(state.etcd, p, local)) {
    const h = t.member
      ? memberHealth(state.etcd, t.member)
      : { health: false, error: "context deadline exceeded" };
    if (h.health) stdout += `${t.url} is healthy: successfully committed proposal: took = 9.48ms\n`;
    else {
      bad = true;
      stderr += `${t.url} is unhealthy: ${h.error}\n`;
    }
  }
  if (bad) stderr += "Error: unhealthy cluster\n";
  return ok(stdout, stderr, bad ? 1 : 0);
}

export function endpointStatus(state: SandboxState, p: Flags, local?: string): CommandResult {
  const w = writeOut(p);
  const size = dbSize(state);
  const rows: string[][] = [];
  let stderr = "";
  for (const t of targets(state.etcd, p, local)) {
    const s = t.member ? memberStatus(state.etcd, t.member, size) : undefined;
    if (!s) {
      stderr += `Failed to get the status of endpoint ${t.url} (context deadline exceeded)\n`;
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
  if (w !== "simple" && w !== "table") throw unsupportedFormat(w);
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
  return ok(stdout, stderr, stderr ? 1 : 0);
}
