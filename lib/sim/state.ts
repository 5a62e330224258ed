// A sandbox is a value: everything the simulated cluster is, in one immutable
// object. Requests produce a new SandboxState; nothing mutates an old one.

import type { AuditEvent } from "./apiserver/audit/event";
import type { UserInfo } from "./apiserver/handler/types";
import type { EtcdCluster } from "./etcd/cluster";
import type { RngState } from "./random";
import type { StoreState } from "./store/types";
import type { TraceEntry } from "./trace";
import type { WorldState } from "./cluster/world";
import type { SchedulerMemory } from "./cluster/scheduler-memory";

export interface SandboxLimits {
  /** Objects a sandbox may hold (Forbidden beyond). */
  maxObjects: number;
  /** Revisions of history kept before compaction (watch from older → 410). */
  historyRevisions: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { maxObjects: 2000, historyRevisions: 500 };

/** The trace of one request, for the UI's sequence diagram. */
export interface RequestTrace {
  auditID: string;
  verb: string;
  requestURI: string;
  code: number;
  entries: TraceEntry[];
}

export interface SandboxJournal {
  /** The newest audit events (the full log lives in persistence). */
  audit: readonly AuditEvent[];
  traces: readonly RequestTrace[];
}

export const JOURNAL_LIMIT = 50;

export interface SandboxState {
  readonly formatVersion: 1;
  readonly seed: string;
  readonly rng: RngState;
  /** Virtual time, epoch milliseconds. */
  readonly time: number;
  readonly store: StoreState;
  readonly etcd: EtcdCluster;
  /** Bearer tokens the API server accepts (kubeconfig users and service-account tokens). */
  readonly tokens: Readonly<Record<string, UserInfo>>;
  readonly limits: SandboxLimits;
  readonly journal: SandboxJournal;
  /** Machines and their static pods (lib/sim/cluster); absent for an API-only sandbox. */
  readonly world?: WorldState;
  /** kube-scheduler's memory between runs: search cursor and the newest record per pod. */
  readonly scheduler?: SchedulerMemory;
}

export function appendJournal(
  journal: SandboxJournal,
  audit: readonly AuditEvent[],
  trace?: RequestTrace | readonly RequestTrace[],
): SandboxJournal {
  const traces = trace === undefined ? [] : Array.isArray(trace) ? trace : [trace as RequestTrace];
  return {
    audit: audit.length ? appendCapped(journal.audit, audit) : journal.audit,
    traces: traces.length ? appendCapped(journal.traces, traces) : journal.traces,
  };
}

/** The newest JOURNAL_LIMIT of items + added, in one new array of its final size (every request appends). */
function appendCapped<T>(items: readonly T[], added: readonly T[]): readonly T[] {
  const total = items.length + added.length;
  const drop = Math.max(0, total - JOURNAL_LIMIT);
  const out = new Array<T>(total - drop);
  let n = 0;
  for (let i = drop; i < items.length; i++) out[n++] = items[i]!;
  for (let i = Math.max(0, drop - items.length); i < added.length; i++) out[n++] = added[i]!;
  return out;
}
