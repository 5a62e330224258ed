// `kubeadm join <endpoint> --token … --discovery-token-ca-cert-hash … [--control-plane
// --certificate-key …]`. This terminal plays the next lab machine for the command (worker<n>,
// or master<n> with --control-plane): the kubeadm model checks the token and endpoint and
// prints the transcript; on success the machine is added to the sandbox - powered on, its
// Node registered, a control plane's static pods (and a stacked etcd member) with it.

import { addMember } from "../../etcd/cluster";
import { checkJoin, kubeadmJoinOutput } from "../../kubeadm";
import { Rng } from "../../random";
import type { SandboxState } from "../../state";
import { joinMachine } from "../../topology";
import type { ClusterTopology } from "../../topology/types";
import type { CommandContext, CommandResult } from "../types";
import { hostTopology } from "../shell/host";
import type { KubeadmArgs } from "./flags";

const STACK = "To see the stack trace of this error execute with --v=5 or higher";

function joined(
  state: SandboxState,
  t: ClusterTopology,
  role: "control-plane" | "worker",
  now: number,
) {
  const j = joinMachine(t, role, now, state.seed);
  const m = j.machine;
  const world = state.world ?? { machines: {}, staticPods: {} };
  const record = world.kubeadm ?? {
    config: t.config,
    controlPlanes: t.machines.filter((x) => x.role === "control-plane").length,
    workers: t.machines.filter((x) => x.role === "worker").length,
  };
  const member = j.topology.etcd.members.find((x) => x.name === m.name);
  const etcd =
    role === "control-plane" && t.config.cluster.etcd.local && member
      ? addMember(
          state.etcd,
          { name: m.name, address: member.address },
          Rng.fromSeed(`${state.seed}/etcd/${m.name}`),
        )
      : state.etcd;
  const next: SandboxState = {
    ...state,
    etcd,
    world: {
      ...world,
      machines: { ...world.machines, [m.name]: { running: true, role, ip: m.ip } },
      staticPods: {
        ...world.staticPods,
        ...(role === "control-plane"
          ? { [m.name]: j.created.filter((o) => o.kind === "Pod") }
          : {}),
      },
      kubeadm: {
        ...record,
        controlPlanes: record.controlPlanes + (role === "control-plane" ? 1 : 0),
        workers: record.workers + (role === "worker" ? 1 : 0),
      },
    },
  };
  return { next, join: j };
}

export async function kubeadmJoin(ctx: CommandContext, a: KubeadmArgs): Promise<CommandResult> {
  const endpoint = a.positional[1] ?? "";
  const token = String(a.flags.token ?? a.flags["discovery-token"] ?? "");
  const controlPlane = a.flags["control-plane"] === true;
  if (!endpoint || !token)
    return {
      stdout: "",
      stderr: `discovery: Invalid value: "": bootstrapToken or file must be set\n${STACK}\n`,
      exitCode: 1,
    };
  const out = await ctx.env.etcdStep((s, now) => {
    const unchanged = {
      state: s,
      changes: { state: s.store, appended: [], removed: [], leasesChanged: false },
    };
    const t = hostTopology(s);
    if (!t) {
      const stderr = `error execution phase preflight: couldn't validate the identity of the API Server: Get "https://${endpoint}/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp ${endpoint}: connect: connection refused\n${STACK}\n`;
      return {
        ...unchanged,
        result: {
          output: { stdout: "[preflight] Running pre-flight checks\n", stderr, exitCode: 1 },
          node: undefined,
        },
      };
    }
    const role = controlPlane ? "control-plane" : "worker";
    const { next, join } = joined(s, t, role, now);
    const request = { endpoint, token, controlPlane, machine: join.machine, now };
    const output = kubeadmJoinOutput(join.topology, request);
    if (checkJoin(join.topology, request) || output.exitCode !== 0)
      return { ...unchanged, result: { output, node: undefined } };
    return {
      state: next,
      changes: unchanged.changes,
      result: { output, node: join.created.find((o) => o.kind === "Node") },
    };
  });
  if (out.node) {
    // The new kubelet registers its Node (as kubernetes-admin here; the object is the same).
    await ctx.env.request({ method: "POST", path: "/api/v1/nodes", body: out.node });
  }
  return { stdout: out.output.stdout, stderr: out.output.stderr, exitCode: out.output.exitCode };
}
