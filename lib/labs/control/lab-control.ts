// The lab's control panel: what a learner cannot do from a shell but an operator
// can do to real machines — stop/start an etcd member (its static pod), power a
// machine off/on, and let virtual time pass (watch a node go NotReady, pods be
// evicted after the 300 s toleration). Pure: a state in, a state out.
import { mergeChanges, type EngineOptions, type SandboxState, type StoreChanges } from "@/lib/sim";
import type { AuditEvent, RequestTrace } from "@/lib/sim";
import { noChanges } from "@/lib/sim/changes";
import { fastForward } from "@/lib/sim/cluster/fast-forward";
import { powerMachine } from "@/lib/sim/cluster/world";
import { memberAction } from "@/lib/sim/etcd/control";
import { LabError } from "../lab-error";
import type { LabControl } from "../schema/control-schema";

export { labControlSchema, type LabControl } from "../schema/control-schema";

export interface ControlOutcome {
  state: SandboxState;
  changes: StoreChanges;
  audit: AuditEvent[];
  traces: RequestTrace[];
  /** Virtual time moved this far (the persisted sandbox's clock offset grows by it). */
  advancedMs: number;
  /** Korean summary for the panel, e.g. "etcd 멤버 master2 중지". */
  message: string;
}

function requireMember(state: SandboxState, name: string): void {
  if (!state.etcd.members.some((m) => m.name === name))
    throw new LabError(
      "unknown-target",
      `etcd 멤버 "${name}"이(가) 없습니다. 멤버: ${state.etcd.members.map((m) => m.name).join(", ")}`,
    );
}

function requireMachine(state: SandboxState, name: string): void {
  const machines = Object.keys(state.world?.machines ?? {});
  if (!machines.includes(name))
    throw new LabError(
      "unknown-target",
      `머신 "${name}"이(가) 없습니다. 머신: ${machines.join(", ")}`,
    );
}

export function applyLabControl(
  state: SandboxState,
  control: LabControl,
  engine: EngineOptions,
): ControlOutcome {
  const unchanged = { changes: noChanges(state.store), audit: [], traces: [], advancedMs: 0 };
  switch (control.action) {
    case "etcd-stop":
    case "etcd-start": {
      requireMember(state, control.target);
      const stop = control.action === "etcd-stop";
      return {
        ...unchanged,
        state: memberAction(state, stop ? "stop" : "start", control.target),
        message: `etcd 멤버 ${control.target} ${stop ? "중지" : "시작"}`,
      };
    }
    case "power-off":
    case "power-on": {
      requireMachine(state, control.target);
      const on = control.action === "power-on";
      return {
        ...unchanged,
        state: powerMachine(state, control.target, on),
        message: `머신 ${control.target} 전원 ${on ? "켜짐" : "꺼짐"}`,
      };
    }
    case "fast-forward": {
      const ms = control.seconds * 1000;
      const r = fastForward(state, state.time + ms, engine);
      return {
        state: r.state,
        changes: mergeChanges(noChanges(state.store), r.changes),
        audit: r.audit,
        traces: r.traces,
        advancedMs: ms,
        message: `가상 시간 ${control.seconds}초 경과`,
      };
    }
  }
}
