// SandboxState ↔ plain data. Persistence keeps the small metadata in the sandbox
// row and the store as kine-style rows; the canonical form (sorted keys) lets a
// test compare two states byte for byte.

import type { AuditEvent } from "./apiserver/audit/event";
import type { UserInfo } from "./apiserver/handler/types";
import type { EtcdCluster } from "./etcd/cluster";
import type { RngState } from "./random";
import type { RequestTrace, SandboxLimits, SandboxState } from "./state";
import type { WorldState } from "./cluster/world";
import type { SchedulerMemory } from "./cluster/scheduler-memory";
import { type KvRow, type Lease, logRows } from "./store/types";
import { LiveIndex } from "./store/live-index";

export interface SandboxMeta {
  formatVersion: 1;
  seed: string;
  rng: RngState;
  time: number;
  revision: number;
  compactRevision: number;
  nextLeaseId: number;
  leases: Lease[];
  etcd: EtcdCluster;
  tokens: Record<string, UserInfo>;
  limits: SandboxLimits;
  world?: WorldState;
  scheduler?: SchedulerMemory;
}

export function stateMeta(state: SandboxState): SandboxMeta {
  return {
    formatVersion: state.formatVersion,
    seed: state.seed,
    rng: state.rng,
    time: state.time,
    revision: state.store.revision,
    compactRevision: state.store.compactRevision,
    nextLeaseId: state.store.nextLeaseId,
    leases: [...state.store.leases.values()].sort((a, b) => a.id - b.id),
    etcd: state.etcd,
    tokens: { ...state.tokens },
    limits: state.limits,
    ...(state.world ? { world: state.world } : {}),
    ...(state.scheduler ? { scheduler: state.scheduler } : {}),
  };
}

/** Rebuilds a state from its metadata and its retained rows (any order). */
export function stateFromParts(
  meta: SandboxMeta,
  rows: readonly KvRow[],
  journal: { audit: AuditEvent[]; traces: RequestTrace[] } = { audit: [], traces: [] },
): SandboxState {
  const sorted = [...rows].sort((a, b) => a.revision - b.revision);
  const live = LiveIndex.fromRows(sorted);
  return {
    formatVersion: 1,
    seed: meta.seed,
    rng: meta.rng,
    time: meta.time,
    store: {
      revision: meta.revision,
      compactRevision: meta.compactRevision,
      log: { rows: sorted, length: sorted.length },
      live,
      leases: new Map(meta.leases.map((l) => [l.id, l])),
      nextLeaseId: meta.nextLeaseId,
    },
    etcd: meta.etcd,
    tokens: meta.tokens,
    limits: meta.limits,
    journal,
    ...(meta.world ? { world: meta.world } : {}),
    ...(meta.scheduler ? { scheduler: meta.scheduler } : {}),
  };
}

/** JSON with object keys sorted at every level: equal states give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v as object).sort()) out[k] = (v as Record<string, unknown>)[k];
      return out;
    }
    return v;
  });
}

/** The whole state (metadata, store rows, journal) in canonical JSON. */
export function serializeState(state: SandboxState): string {
  return canonicalJson({
    meta: stateMeta(state),
    rows: logRows(state.store.log),
    journal: state.journal,
  });
}
