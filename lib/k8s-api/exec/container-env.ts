// The CliEnv a container's commands run with on the REST face: volume contents
// are read as the node's kubelet reads them (system:node:<node>, passing the Node
// authorizer), etcdctl steps commit on the sandbox like the terminal's do.

import { advanceTime } from "@/lib/sim";
import type { CliEnv } from "@/lib/sim/cli";
import { clusterEngineOptions } from "@/lib/sim/cluster/loops";
import { runSandboxStep, sandboxRequest } from "@/lib/db/sandboxes";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";

const KUBELET_AGENT = "kubelet/v1.28.15 (linux/amd64) kubernetes/8418565";
const engine = clusterEngineOptions();

export function containerEnv(sandboxId: string, nodeName: string): CliEnv {
  let now = Date.now();
  return {
    isUnavailable: isDatabaseUnavailable,
    now: () => now,
    request: async (req) => {
      const r = await sandboxRequest(sandboxId, {
        ...req,
        user: {
          username: `system:node:${nodeName}`,
          groups: ["system:nodes", "system:authenticated"],
        },
        userAgent: KUBELET_AGENT,
      });
      return r.response;
    },
    state: () =>
      runSandboxStep(sandboxId, ({ state, virtualNow }) => {
        const r = advanceTime(state, virtualNow, engine);
        now = r.state.time;
        return { ...r, result: r.state };
      }),
    etcdStep: (step) =>
      runSandboxStep(sandboxId, ({ state, virtualNow }) => {
        const r = step(state, virtualNow);
        now = virtualNow;
        return { state: r.state, changes: r.changes, audit: [], traces: [], result: r.result };
      }),
  };
}
