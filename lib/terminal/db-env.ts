// The CLI's view of a persisted sandbox, as kubernetes-admin. Two ways to run it:
// - commandEnv: every step of one command (its API requests, etcd steps, catch-ups,
//   waits) runs on a working copy and the command persists once at the end
//   (lib/db/sandboxes/command-unit.ts) - the terminal's exec path;
// - sandboxEnv: each step is its own sandbox transaction - for callers that stay
//   open (streams poll the sandbox for as long as a watch runs) or only read.
// Reads catch up virtual time first, as a request would.

import { ADMIN_USER, advanceTime, type SandboxState } from "@/lib/sim";
import { noChanges } from "@/lib/sim/changes";
import type { CliApiRequest, CliEnv, EtcdStepResult } from "@/lib/sim/cli";
import { clusterEngineOptions } from "@/lib/sim/cluster/loops";
import {
  requestStep,
  runSandboxStep,
  type SandboxCommandUnit,
  type StepInput,
  type StepOutput,
} from "@/lib/db/sandboxes";
import { catchUpDue } from "@/lib/db/sandboxes/catch-up";
import { timed } from "@/lib/db/sandboxes/parts";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { fastForward } from "@/lib/sim/cluster/fast-forward";
import { KUBECTL_USER_AGENT } from "@/lib/sim/version";

const USER_AGENT = KUBECTL_USER_AGENT;
const engine = clusterEngineOptions();

type Step<T> = (input: StepInput) => StepOutput<T>;
type RunStep = <T>(step: Step<T>) => Promise<T>;

/** The CLI environment over any way of running engine steps. */
function envOver(
  runStep: RunStep,
  sourceIP: string | undefined,
  files: CliEnv["files"] | undefined,
): CliEnv {
  let now = Date.now();
  return {
    ...(files ? { files } : {}),
    isUnavailable: isDatabaseUnavailable,
    now: () => now,
    request: async (req: CliApiRequest) => {
      const r = await runStep(
        requestStep({
          ...req,
          user: ADMIN_USER,
          userAgent: USER_AGENT,
          ...(sourceIP ? { sourceIP } : {}),
        }),
      );
      return r.response;
    },
    state: () =>
      runStep<SandboxState>(({ state, virtualNow, loopsRanAt }) => {
        if (!catchUpDue(state.time, loopsRanAt, virtualNow)) {
          // The loops ran less than a catch-up interval ago: the state as it is.
          now = Math.max(state.time, virtualNow);
          return { state, changes: noChanges(state.store), audit: [], traces: [], result: state };
        }
        const r = timed("catchUp", () => advanceTime(state, virtualNow, engine));
        now = r.state.time;
        return { ...r, result: r.state, loopsRanAt: r.state.time };
      }),
    // A wait moves the sandbox's clock ahead of the wall clock for good (as the lab's
    // fast-forward does), so later requests see the cluster as it was left.
    sleep: async (ms: number) => {
      await runStep<undefined>(({ state, virtualNow }) => {
        const r = fastForward(state, Math.max(state.time, virtualNow) + ms, engine);
        now = r.state.time;
        return { ...r, result: undefined, offsetDeltaMs: ms, loopsRanAt: r.state.time };
      });
    },
    etcdStep: <T>(step: (state: SandboxState, now: number) => EtcdStepResult<T>) =>
      runStep<T>(({ state, virtualNow }) => {
        const r = step(state, virtualNow);
        now = virtualNow;
        return { state: r.state, changes: r.changes, audit: [], traces: [], result: r.result };
      }),
  };
}

/** Each step its own sandbox transaction (streams, views, the quiz's live questions). */
export function sandboxEnv(sandboxId: string, sourceIP?: string, files?: CliEnv["files"]): CliEnv {
  return envOver((step) => runSandboxStep(sandboxId, step), sourceIP, files);
}

/** Steps on one command's working copy, persisted together by runSandboxCommand. */
export function commandEnv(
  unit: SandboxCommandUnit,
  sourceIP?: string,
  files?: CliEnv["files"],
): CliEnv {
  return envOver((step) => unit.step(step), sourceIP, files);
}
