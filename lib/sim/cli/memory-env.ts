// A CliEnv over an in-memory sandbox: the engine's handle() as kubernetes-admin and
// etcd steps applied to the same value. Unit tests and the conformance suite run
// terminal commands through it; the app uses the Postgres-backed env instead.

import { ADMIN_USER, advanceTime, handle, type EngineOptions } from "../engine";
import { fixedClock } from "../clock";
import type { SandboxState } from "../state";
import type { CliEnv } from "./types";
import { KUBECTL_USER_AGENT } from "../version";

export interface MemoryEnv extends CliEnv {
  /** The sandbox after the commands run so far. */
  current(): SandboxState;
  /** Lets virtual time pass (pods start, leases renew), as wall time does for a persisted sandbox. */
  advance(ms: number): void;
}

export function memoryEnv(
  initial: SandboxState,
  opts: EngineOptions = {},
  files: Readonly<Record<string, string>> = {},
): MemoryEnv {
  let state = initial;
  return {
    files: async () => files,
    current: () => state,
    advance: (ms) => {
      state = advanceTime(state, state.time + ms, opts).state;
    },
    now: () => state.time,
    sleep: async (ms) => {
      state = advanceTime(state, state.time + ms, opts).state;
    },
    state: async () => state,
    request: async (req) => {
      const r = handle(
        state,
        {
          ...req,
          user: ADMIN_USER,
          userAgent: KUBECTL_USER_AGENT,
        },
        fixedClock(state.time),
        opts,
      );
      state = r.state;
      return r.response;
    },
    etcdStep: async (step) => {
      const r = step(state, state.time);
      state = r.state;
      return r.result;
    },
  };
}
