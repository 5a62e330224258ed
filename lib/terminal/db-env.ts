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
import { fastForward } from "@/lib/sim/cluster/fast-forward";
import { KUBECTL_USER_AGENT } from "@/lib/sim/version";

const USER_AGENT = KUBECTL_USER_AGENT;
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
    // A wait moves the sandbox's clock ahead of the wall clock for good (as the lab's
    // fast-forward does), so later requests see the cluster as it was left.
    sleep: async (ms) => {
      await runSandboxStep(sandboxId, ({ state, virtualNow }) => {
        const r = fastForward(state, Math.max(state.time, virtualNow) + ms, engine);
        now = r.state.time;
        return { ...r, result: undefined, offsetDeltaMs: ms, loopsRanAt: r.state.time };
      });
    },
    etcdStep: (step) =>
      runSandboxStep(sandboxId, ({ state, virtualNow }) => {
        const r = step(state, virtualNow);
        now = virtualNow;
        return { state: r.state, changes: r.changes, audit: [], traces: [], result: r.result };
      }),
  };
}
