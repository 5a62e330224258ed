// The lab's control-plane host as the shell sees it: its kubeadm topology (rebuilt
// deterministically from the sandbox seed and the node's creation time, so nothing
// extra is stored) and its small read-only filesystem.

import { get } from "../../store/store";
import type { SandboxState } from "../../state";
import {
  buildTopology,
  machineFiles,
  type ClusterTopology,
  type MachineFiles,
} from "../../topology";

const cache = new Map<string, ClusterTopology>();

/** The time `kubeadm init` ran: the first control-plane Node's creation. */
function initTime(state: SandboxState): number | undefined {
  for (const name of Object.keys(state.world?.machines ?? {})) {
    if (state.world!.machines[name]!.role !== "control-plane") continue;
    const kv = get(state.store, `/registry/minions/${name}`);
    if (!kv) continue;
    const ts = (JSON.parse(kv.value) as { metadata?: { creationTimestamp?: string } }).metadata
      ?.creationTimestamp;
    if (ts) return Date.parse(ts);
  }
  return undefined;
}

export function hostTopology(state: SandboxState): ClusterTopology | undefined {
  const at = initTime(state);
  if (at === undefined) return undefined;
  // A cluster the terminal's `kubeadm init --config` built is rebuilt from its record.
  const k = state.world?.kubeadm;
  const key = `${state.seed}@${at}${k ? `/${JSON.stringify(k)}` : ""}`;
  let t = cache.get(key);
  if (!t) {
    t = buildTopology({ seed: state.seed, now: at, ...(k ?? {}) });
    if (cache.size > 100) cache.clear();
    cache.set(key, t);
  }
  return t;
}

export function hostFiles(state: SandboxState): MachineFiles & { host: string } {
  const t = hostTopology(state);
  const cp = t?.machines.find((m) => m.role === "control-plane");
  if (!t || !cp) return { files: {}, dirs: [], host: "controlplane" };
  const mf = machineFiles(t, cp.name);
  const written = state.world?.hostFiles ?? {};
  return { files: { ...mf.files, ...written }, dirs: [...mf.dirs, "/var/log"], host: cp.name };
}
