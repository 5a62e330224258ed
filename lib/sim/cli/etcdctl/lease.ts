// etcdctl lease grant | revoke | keep-alive | list | timetolive. Lease ids are hex on the
// command line and in the output, as etcdctl prints them.

import { etcdRead, etcdWrite } from "../../etcd/control";
import type { SandboxState } from "../../state";
import type { CommandContext, CommandResult } from "../types";
import { etcdctlError, EXIT } from "./common";

const hexId = (id: number) => id.toString(16);
const ok = (stdout: string): CommandResult => ({ stdout, stderr: "", exitCode: 0 });

export async function lease(
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
        throw etcdctlError("lease grant command needs TTL argument", EXIT.badArgs);
      const l = await ctx.env.etcdStep((s, now) => etcdWrite(s, now, (w) => w.grantLease(ttl)));
      return ok(`lease ${hexId(l.id)} granted with TTL(${l.ttl}s)\n`);
    }
    case "revoke":
      if (Number.isNaN(id))
        throw etcdctlError("lease revoke command needs 1 argument", EXIT.badArgs);
      await ctx.env.etcdStep((s, now) => etcdWrite(s, now, (w) => w.revokeLease(id)));
      return ok(`lease ${args[0]} revoked\n`);
    case "keep-alive": {
      if (Number.isNaN(id))
        throw etcdctlError("lease keep-alive command needs lease ID as argument", EXIT.badArgs);
      const l = await ctx.env.etcdStep((s, now) => etcdWrite(s, now, (w) => w.keepAlive(id)));
      return ok(`lease ${args[0]} keepalived with TTL(${l.ttl})\n`);
    }
    case "list": {
      const leases = etcdRead(state, (st) => [...st.leases.values()]);
      return ok(`found ${leases.length} leases\n${leases.map((l) => `${hexId(l.id)}\n`).join("")}`);
    }
    case "timetolive": {
      if (Number.isNaN(id))
        throw etcdctlError("lease timetolive command needs lease ID as argument", EXIT.badArgs);
      const l = etcdRead(state, (st) => st.leases.get(id));
      if (!l) return ok(`lease ${args[0]} already expired\n`);
      const remaining = Math.max(0, Math.ceil((l.expiresAt - ctx.env.now()) / 1000));
      return ok(`lease ${args[0]} granted with TTL(${l.ttl}s), remaining(${remaining}s)\n`);
    }
    default:
      throw etcdctlError(`unknown command "${sub ?? ""}" for "etcdctl lease"`);
  }
}
