// etcdctl v3 (etcd 3.5): talks to the sandbox's etcd (the store and the member model),
// never to the API server. This file routes a command line to its concern: key-value
// (kv.ts), txn (txn.ts), watch (watch.ts), snapshots (snapshot.ts), members and endpoints
// (members.ts), leases (lease.ts).

import { etcdRead, etcdWrite } from "../../etcd/control";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { etcdError, etcdctlError, parseEtcdctlFlags, writeOut, EXIT } from "./common";
import { del, get, put } from "./kv";
import { lease } from "./lease";
import { endpointHealth, endpointStatus, memberList, targets } from "./members";
import { snapshot } from "./snapshot";
import { txn } from "./txn";
import { watchBatch, watchSpec } from "./watch";

export interface EtcdctlOptions {
  /** The member of the pod etcdctl runs in (kubectl exec etcd-<node>). */
  localMember?: string;
}

const USAGE =
  "NAME:\n\tetcdctl - A simple command line client for etcd3.\n\nUSAGE:\n\tetcdctl [flags]\n\nVERSION:\n\t3.5.9\n\nAPI VERSION:\n\t3.5\n";

const ok = (stdout: string): CommandResult => ({ stdout, stderr: "", exitCode: 0 });

export async function etcdctl(
  argv: readonly string[],
  ctx: CommandContext,
  opts: EtcdctlOptions = {},
): Promise<CommandResult> {
  const p = parseEtcdctlFlags(argv.slice(1));
  const [cmd, sub, ...more] = p.positional;
  writeOut(p);
  if (cmd === undefined) return ok(USAGE);
  if (cmd === "version") return ok("etcdctl version: 3.5.9\nAPI version: 3.5\n");
  if (cmd === "snapshot") return snapshot(ctx, sub, p.positional.slice(2), p);
  const state = await ctx.env.state();
  const args = p.positional.slice(1);
  const KV = ["get", "put", "del", "txn", "watch", "compaction", "lease"];
  if (KV.includes(cmd) && !targets(state.etcd, p, opts.localMember).some((t) => t.member?.running))
    // Every endpoint given is down: the client's dial times out before any request is sent.
    throw new CliError(
      `{"level":"warn","msg":"retrying of unary invoker failed","error":"rpc error: code = DeadlineExceeded desc = context deadline exceeded"}\nError: context deadline exceeded`,
      EXIT.error,
    );
  try {
    switch (cmd) {
      case "get":
        return get(state, args, p);
      case "put":
        return await put(ctx, args, p);
      case "del":
        return await del(ctx, args, p);
      case "txn":
        return await txn(ctx, args, p);
      case "watch": {
        // One batch: the events since --rev. Without --rev a watch starts at the next
        // revision and has nothing yet; the terminal streams it (lib/terminal/stream.ts).
        const spec = watchSpec(args, p);
        if (!spec.startRevision) return ok("");
        return watchBatch(state, spec, spec.startRevision);
      }
      case "compaction": {
        const rev = Number(sub);
        if (!sub || !Number.isInteger(rev))
          throw etcdctlError("compaction command needs 1 argument", EXIT.badArgs);
        await ctx.env.etcdStep((s, now) => etcdWrite(s, now, (wr) => wr.compact(rev)));
        return ok(`compacted revision ${rev}\n`);
      }
      case "lease":
        return await lease(ctx, state, sub, more);
      case "alarm":
        if (sub !== "list")
          throw etcdctlError(`unknown command "${sub ?? ""}" for "etcdctl alarm"`);
        etcdRead(state, () => undefined);
        return ok("");
      case "defrag":
        return ok(
          targets(state.etcd, p, opts.localMember)
            .map((t) => `Finished defragmenting etcd member[${t.url}]\n`)
            .join(""),
        );
      case "member":
        if (sub === "list") return memberList(state, p);
        // etcdctl has no way to stop a member: admins stop the etcd static pod (or the
        // machine). The lab's controls do that here.
        throw new CliError(
          `Error: unknown command "${sub ?? ""}" for "etcdctl member"\n# 참고: etcd 멤버를 멈추는 etcdctl 명령은 없습니다. 실제로는 그 노드의 etcd 정적 파드(/etc/kubernetes/manifests/etcd.yaml)나 머신을 멈춥니다 — 실습 제어판의 노드/멤버 중지를 쓰세요.`,
          EXIT.error,
        );
      case "endpoint":
        if (sub === "health") return endpointHealth(state, p, opts.localMember);
        if (sub === "status") return endpointStatus(state, p, opts.localMember);
        throw etcdctlError(`unknown command "${sub ?? ""}" for "etcdctl endpoint"`);
      default:
        throw new CliError(
          `Error: unknown command "${cmd}" for "etcdctl"\nRun 'etcdctl --help' for usage.`,
          EXIT.error,
        );
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw etcdError(e);
  }
}
