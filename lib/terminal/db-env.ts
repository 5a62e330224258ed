// The CLI's view of a persisted sandbox: each API request is one sandbox
// transaction as kubernetes-admin; etcd steps commit the same way; reads catch up
// virtual time first, as a request would.

import { ADMIN_USER, advanceTime } from "@/lib/sim";
import { noChanges } from "@/lib/sim/changes";
import type { CliEnv } from "@/lib/sim/cli";
import { clusterEngineOptions } from "@/lib/sim/cluster/loops";
import { runSandboxStep, sandboxRequest } from "@/lib/db/sandboxes";
import { catchUpDue } from "@/lib/db/sandboxes/catch-up";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";

const USER_AGENT = "kubectl/v1.28.15 (linux/amd64) kubernetes/8418565";
const engine = clusterEngineOptions();

export function sandboxEnv(sandboxId: string, sourceIP?: string, files?: CliEnv["files"]): CliEnv {
  let now = Date.now();
  return {
    ...(files ? { files } : {}),
    isUnavailable: isDatabaseUnavailable,
    now: () => now,
    request: async (req) => {
      const r = await sandboxRequest(sandboxId, {
        ...req,
        user: ADMIN_USER,
        userAgent: USER_AGENT,
        ...(sourceIP ? { sourceIP } : {}),
      });
      return r.response;
    },
    state: () =>
      runSandboxStep(sandboxId, ({ state, virtualNow, loopsRanAt }) => {
        if (!catchUpDue(state.time, loopsRanAt, virtualNow)) {
          // The loops ran less than a catch-up interval ago: the state as it is.
          now = Math.max(state.time, virtualNow);
          return { state, changes: noChanges(state.store), audit: [], traces: [], result: state };
        }
        const r = advanceTime(state, virtualNow, engine);
        now = r.state.time;
        return { ...r, result: r.state, loopsRanAt: r.state.time };
      }),
    etcdStep: (step) =>
      runSandboxStep(sandboxId, ({ state, virtualNow }) => {
        const r = step(state, virtualNow);
        now = virtualNow;
        return { state: r.state, changes: r.changes, audit: [], traces: [], result: r.result };
      }),
  };
}
