// The machine `kubeadm` runs on in this terminal: the lab's first control-plane host, with
// the facts kubeadm's preflight checks look at (what runs there now).

import { EMPTY_MACHINE, machineFacts, type HostFacts, type MachineFacts } from "../../kubeadm";
import { generateBootstrapToken } from "../../topology/build";
import { Rng } from "../../random";
import type { SandboxState } from "../../state";
import { hostFiles, hostTopology } from "../shell/host";

/** The lab's first control-plane machine (topology/machines.ts: master1 on 192.168.56.10). */
export const LAB_HOST = { hostname: "master1", ip: "192.168.56.10" };

export function kubeadmHost(
  state: SandboxState,
  purpose: string,
): { host: HostFacts; facts: MachineFacts } {
  const t = hostTopology(state);
  const name = t ? hostFiles(state).host : LAB_HOST.hostname;
  const ip = state.world?.machines[name]?.ip ?? LAB_HOST.ip;
  const rng = Rng.fromSeed(`${state.seed}/${purpose}/${state.store.revision}`);
  return {
    host: { hostname: name, ip, generateToken: () => generateBootstrapToken(rng) },
    facts: t ? machineFacts(t, name) : EMPTY_MACHINE,
  };
}
