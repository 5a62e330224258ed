// `kubeadm token create [token] [--ttl d] [--description s] [--print-join-command]` and
// `kubeadm token delete <id|token>`: the kubeadm model checks and prints; the Secret is
// created or deleted through the API server, and the token is kept in the cluster's
// kubeadm record so `token list` and `kubeadm join` see it.

import { createToken, deleteToken, KubeadmError, type TokenChange } from "../../kubeadm";
import { generateBootstrapToken } from "../../topology/build";
import { Rng } from "../../random";
import type { SandboxState } from "../../state";
import type { BootstrapTokenRecord, ClusterTopology } from "../../topology/types";
import type { CommandContext, CommandResult } from "../types";
import { hostTopology } from "../shell/host";
import type { KubeadmArgs } from "./flags";

const STACK = "To see the stack trace of this error execute with --v=5 or higher";
const SECRETS = "/api/v1/namespaces/kube-system/secrets";

/** The record with the cluster's tokens replaced (absolute expiry, so rebuilding keeps it). */
function withTokens(
  s: SandboxState,
  t: ClusterTopology,
  tokens: readonly BootstrapTokenRecord[],
): SandboxState {
  const world = s.world ?? { machines: {}, staticPods: {} };
  const record = world.kubeadm ?? {
    config: t.config,
    controlPlanes: t.machines.filter((m) => m.role === "control-plane").length,
    workers: t.machines.filter((m) => m.role === "worker").length,
  };
  const bootstrapTokens = tokens.map((x) => ({
    token: x.token,
    description: x.description,
    ttl: x.expires === null ? "0s" : "",
    expires: x.expires === null ? "" : new Date(x.expires).toISOString().replace(/\.\d{3}Z$/, "Z"),
    usages: [...x.usages],
    groups: [...x.groups],
  }));
  return {
    ...s,
    world: { ...world, kubeadm: { ...record, config: { ...record.config, bootstrapTokens } } },
  };
}

export async function kubeadmToken(ctx: CommandContext, a: KubeadmArgs): Promise<CommandResult> {
  const sub = a.positional[1];
  const arg = a.positional[2];
  const out = await ctx.env.etcdStep<{ error: string } | { change: TokenChange }>((s, now) => {
    const unchanged = {
      state: s,
      changes: { state: s.store, appended: [], removed: [], leasesChanged: false },
    };
    const t = hostTopology(s);
    if (!t)
      return {
        ...unchanged,
        result: {
          error:
            "failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory",
        },
      };
    try {
      const change =
        sub === "create"
          ? createToken(
              t,
              {
                token:
                  arg ??
                  generateBootstrapToken(
                    Rng.fromSeed(`${s.seed}/token/${s.store.revision}/${now}`),
                  ),
                ...(typeof a.flags.ttl === "string" ? { ttl: a.flags.ttl } : {}),
                ...(typeof a.flags.description === "string"
                  ? { description: a.flags.description }
                  : {}),
                printJoinCommand: a.flags["print-join-command"] === true,
              },
              now,
            )
          : deleteToken(t, arg ?? "");
      return {
        state: withTokens(s, t, change.topology.tokens),
        changes: unchanged.changes,
        result: { change },
      };
    } catch (e) {
      if (e instanceof KubeadmError) return { ...unchanged, result: { error: e.message } };
      throw e;
    }
  });
  if ("error" in out) return { stdout: "", stderr: `${out.error}\n${STACK}\n`, exitCode: 1 };
  const { change } = out;
  if (change.secret) await ctx.env.request({ method: "POST", path: SECRETS, body: change.secret });
  if (change.deletedSecret)
    await ctx.env.request({ method: "DELETE", path: `${SECRETS}/${change.deletedSecret}` });
  return { stdout: change.stdout, stderr: "", exitCode: 0 };
}
