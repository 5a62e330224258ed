// What every etcdctl subcommand shares: the global and per-command flags (one pflag set,
// as etcdctl's cobra tree accepts them anywhere on the line), etcd's exit codes, its
// `Error: …` texts and the response header the json/fields printers show.

import { EtcdUnavailableError } from "../../etcd/errors";
import type { EtcdMember } from "../../etcd/cluster";
import { StoreError } from "../../store/errors";
import type { SandboxState } from "../../state";
import { CliError } from "../errors";
import { parseFlags, flagBool, flagString, type FlagSpec, type ParsedArgs } from "../kubectl/flags";

/** go.etcd.io/etcd/pkg/v3/cobrautl exit codes. */
export const EXIT = {
  error: 1,
  badConnection: 2,
  invalidInput: 3,
  badFeature: 4,
  interrupted: 5,
  badArgs: 128,
};

export const FLAGS: FlagSpec[] = [
  { name: "endpoints", type: "string" },
  { name: "cacert", type: "string" },
  { name: "cert", type: "string" },
  { name: "key", type: "string" },
  { name: "user", type: "string" },
  { name: "password", type: "string" },
  { name: "write-out", short: "w", type: "string" },
  { name: "hex", type: "bool" },
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
  { name: "ignore-value", type: "bool" },
  { name: "ignore-lease", type: "bool" },
  { name: "interactive", short: "i", type: "bool" },
  { name: "data-dir", type: "string" },
  { name: "wal-dir", type: "string" },
  { name: "name", type: "string" },
  { name: "initial-cluster", type: "string" },
  { name: "initial-cluster-token", type: "string" },
  { name: "initial-advertise-peer-urls", type: "string" },
  { name: "skip-hash-check", type: "bool" },
  { name: "physical", type: "bool" },
  { name: "dial-timeout", type: "string" },
  { name: "command-timeout", type: "string" },
  { name: "insecure-skip-tls-verify", type: "bool" },
  { name: "insecure-transport", type: "bool" },
  { name: "debug", type: "bool" },
];

export type Flags = ParsedArgs;
export { flagBool, flagString };

export const etcdctlError = (msg: string, code = EXIT.error) => new CliError(`Error: ${msg}`, code);

/** Flags as pflag reads them, errors in etcdctl's words (`Error: unknown flag: --x`). */
export function parseEtcdctlFlags(args: readonly string[]): Flags {
  try {
    // kubectl's global -n/-v would shadow nothing etcdctl has; --namespace is not an etcdctl flag.
    return parseFlags(args, FLAGS, "etcdctl");
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    const msg = e.stderr.split("\n")[0]!.replace(/^error: /, "");
    throw etcdctlError(msg, EXIT.error);
  }
}

export type WriteOut = "simple" | "json" | "fields" | "table" | "protobuf";

export function writeOut(p: Flags): WriteOut {
  const w = flagString(p, "write-out") ?? "simple";
  if (!["simple", "json", "table", "fields", "protobuf"].includes(w))
    throw etcdctlError(`unknown output format "${w}"`, EXIT.badFeature);
  return w as WriteOut;
}

/** printerUnsupported: the printers that have no form for a response. */
export const unsupportedFormat = (w: string) =>
  etcdctlError(`${w} not supported as output format`, EXIT.badFeature);

/** How a failed call to etcd reads in etcdctl (client retry warning + the gRPC error). */
export function etcdError(e: unknown): CliError {
  if (e instanceof EtcdUnavailableError)
    return new CliError(
      `{"level":"warn","msg":"retrying of unary invoker failed","error":"rpc error: code = Unavailable desc = ${e.message}"}\nError: ${e.message}`,
      EXIT.error,
    );
  if (e instanceof StoreError) return etcdctlError(e.message);
  throw e;
}

/** base64 of the UTF-8 bytes (protobuf bytes fields in JSON), without Node's Buffer. */
export function b64(s: string): string {
  let bin = "";
  for (const byte of new TextEncoder().encode(s)) bin += String.fromCharCode(byte);
  return btoa(bin);
}

export interface Header {
  clusterId: string;
  memberId: string;
  revision: number;
  raftTerm: number;
}

/** The response header as the member that answered fills it (ids are uint64, printed in decimal). */
export function header(state: SandboxState, member?: EtcdMember): Header {
  const m =
    member ??
    state.etcd.members.find((x) => x.id === state.etcd.leaderId) ??
    state.etcd.members[0]!;
  return {
    clusterId: BigInt(`0x${state.etcd.clusterId}`).toString(),
    memberId: BigInt(`0x${m.id}`).toString(),
    revision: state.store.revision,
    raftTerm: m.term,
  };
}

/** Go's json.Marshal of pb.ResponseHeader: uint64 ids as bare numbers (beyond JS's doubles). */
export function headerJson(h: Header): string {
  return `{"cluster_id":${h.clusterId},"member_id":${h.memberId},"revision":${h.revision},"raft_term":${h.raftTerm}}`;
}

export function headerFields(h: Header): string {
  return `"ClusterID" : ${h.clusterId}\n"MemberID" : ${h.memberId}\n"Revision" : ${h.revision}\n"RaftTerm" : ${h.raftTerm}\n`;
}

/** Go's %q for the fields printer (JSON escaping matches it for printable text). */
export const goQuote = (s: string) => JSON.stringify(s);
